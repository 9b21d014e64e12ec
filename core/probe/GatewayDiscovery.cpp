#include "GatewayDiscovery.h"

#include "GatewayDirectory.h"

#include "core/backend/GatewayBackend.h"
#include "core/classic/GatewayAnnouncement.h"

GatewayDiscovery::GatewayDiscovery(GatewayDirectory* directory, QObject* parent)
    : QObject(parent)
    , m_directory(directory)
{
}

void GatewayDiscovery::run(GatewayBackend* backend)
{
    cancel();
    m_announced.clear();
    m_error = {};
    GatewayCall* call = backend->fetchValues(GatewayAnnouncement::key());
    m_call = call;
    // The call belongs to the backend: if the backend goes first, so does the call, and with it
    // this connection; QPointer then says the run is over.
    connect(call, &GatewayCall::finished, this, [this, call] { onFinished(call); });
}

void GatewayDiscovery::cancel()
{
    if (GatewayCall* call = m_call.data()) {
        m_call.clear();
        call->disconnect(this);
        call->cancel();
        call->deleteLater();
    }
}

void GatewayDiscovery::onFinished(GatewayCall* call)
{
    m_call.clear();
    call->deleteLater();
    if (call->error().isError()) {
        m_error = call->error();
        emit failed(m_error.message);
        return;
    }
    for (const DhtValue& v : call->values()) {
        const auto url = GatewayAnnouncement::decode(v.data); // anyone may put under the key
        if (url && !m_announced.contains(*url))
            m_announced << *url;
    }
    const int newCount = int(std::count_if(m_announced.cbegin(), m_announced.cend(),
                                           [this](const QUrl& url) { return !m_directory->find(url); }));
    m_directory->mergeDiscovered(m_announced);
    emit finished(newCount);
}
