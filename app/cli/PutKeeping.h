#pragma once

class KeptPutKeeper;

// `opendht-cli put --keep`: stays in the foreground while the keeper refreshes the put, until
// its TTL ends and the downgrade is sent, or until SIGINT/SIGTERM, which send the downgrade at
// once (the value then ends within one type lifetime). On a terminal, one progress line says
// what comes next; elsewhere each refresh and the downgrade are a line on stderr. Returns the
// exit code.
class PutKeeping
{
public:
    static int run(KeptPutKeeper* keeper);
};
