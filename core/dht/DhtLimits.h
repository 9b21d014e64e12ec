#pragma once

#include <QtGlobal>

// The limits of the classic Open DHT service, which every gateway kind of ours applies to puts:
// a key is at most 20 bytes (a DHT InfoHash), a value at most 1024 bytes, a TTL at most a week.
struct DhtLimits
{
    static constexpr int keyBytes = 20;
    static constexpr int maxValueBytes = 1024;
    static constexpr int hashBytes = 20;
    static constexpr int maxSecretBytes = 40;
    static constexpr qint32 maxTtlSeconds = 604800;
    static constexpr qint64 secondUs = 1000000;
};
