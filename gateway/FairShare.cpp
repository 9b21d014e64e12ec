#include "FairShare.h"

namespace {
constexpr double week = 604800.0;
}

void FairShare::expire(qint64 nowUs)
{
    while (!m_byExpiry.isEmpty() && m_byExpiry.firstKey() <= nowUs) {
        const qint64 expiryUs = m_byExpiry.firstKey();
        const Commitment c = m_byExpiry.first();
        m_byExpiry.erase(m_byExpiry.begin());
        auto it = m_accounts.find(c.client);
        if (it == m_accounts.end())
            continue;
        it->bytes -= double(c.bytes);
        m_liveBytes -= double(c.bytes);
        it->bytesTimesExpiry -= double(c.bytes) * (double(expiryUs) / 1e6);
        if (--it->items == 0)
            m_accounts.erase(it);
    }
}

double FairShare::held(quint32 client, qint64 nowUs)
{
    expire(nowUs);
    const auto it = m_accounts.constFind(client);
    if (it == m_accounts.cend())
        return 0;
    return std::max(0.0, it->bytesTimesExpiry - it->bytes * (double(nowUs) / 1e6));
}

int FairShare::activeClients(qint64 nowUs)
{
    expire(nowUs);
    return int(m_accounts.size());
}

bool FairShare::admit(quint32 client, qint64 bytes, qint64 ttlSeconds, qint64 nowUs)
{
    expire(nowUs);
    const int clients = int(m_accounts.size()) + (m_accounts.contains(client) ? 0 : 1);
    const double share = double(m_capacityBytes) * week / clients;
    const double cost = double(bytes) * double(ttlSeconds);
    if (held(client, nowUs) + cost > share)
        return false;
    const auto account = m_accounts.constFind(client);
    const double clientBytes = account == m_accounts.cend() ? 0 : account->bytes;
    const double burst = burstFactor * double(m_capacityBytes);
    if (clientBytes + double(bytes) > burst / clients)
        return false;
    // The bound in all applies to what a client holds beyond its floor, capacity / clients: one
    // that filled the gateway while alone must not lock out those who come after it. So at most
    // burst + capacity bytes are ever held.
    const bool withinFloor = clientBytes + double(bytes) <= double(m_capacityBytes) / clients;
    if (!withinFloor && m_liveBytes + double(bytes) > burst)
        return false;
    record(client, bytes, ttlSeconds, nowUs);
    return true;
}

void FairShare::record(quint32 client, qint64 bytes, qint64 ttlSeconds, qint64 nowUs)
{
    const qint64 expiryUs = nowUs + ttlSeconds * 1000000;
    Account& a = m_accounts[client];
    a.bytes += double(bytes);
    m_liveBytes += double(bytes);
    a.bytesTimesExpiry += double(bytes) * (double(expiryUs) / 1e6);
    ++a.items;
    m_byExpiry.insert(expiryUs, {client, bytes});
}
