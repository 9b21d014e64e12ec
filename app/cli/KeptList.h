#pragma once

// `opendht-cli kept`: the puts the browser keeps alive through proxies (its KeptPutStore), one
// a line: key, type, when its TTL ends, through which gateway, and what it needs.
class KeptList
{
public:
    static int print();
};
