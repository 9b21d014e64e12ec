#pragma once

// How much of a value a decoder reads and shows. Values come from anyone on the DHT: these
// bounds keep a hostile one from using unbounded memory or time, whatever its length prefixes
// or nesting claim.
struct DecodeLimits
{
    static constexpr int maxInputBytes = 65536;     // a larger value is not decoded (OpenDHT: 64 KiB)
    static constexpr int maxDepth = 64;             // nesting of msgpack arrays and maps
    static constexpr int maxContainerItems = 65536; // elements of one msgpack array or map
    static constexpr int maxNodes = 20000;          // nodes of one result tree
    static constexpr int maxOutputChars = 1 << 20;  // characters of one result tree
    static constexpr int maxShownBytes = 4096;      // of a binary field, shown as hex
    static constexpr int maxShownChars = 16384;     // of a string field
    static constexpr int maxCertificates = 16;      // of one PEM chain
};
