#include "GatewayCall.h"

GatewayCall::GatewayCall(QObject* parent)
    : QObject(parent)
{
    m_elapsed.start();
}

void GatewayCall::cancel()
{
    if (m_finished)
        return;
    abortWork();
    finishWith(GatewayError::Kind::Cancelled, tr("cancelled"));
}

void GatewayCall::addValues(const QList<DhtValue>& page, int pages)
{
    // The first page is shared, not copied value by value (a REST fetch is one page of all).
    if (m_values.isEmpty())
        m_values = page;
    else
        m_values += page;
    emit pageArrived(page);
    emit progress(int(m_values.size()), pages);
}

void GatewayCall::finishWith(GatewayError::Kind kind, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = {kind, message};
    QMetaObject::invokeMethod(this, &GatewayCall::finished, Qt::QueuedConnection);
}

GatewayError::Kind GatewayCall::errorKind(HttpCall::Error error)
{
    using Kind = GatewayError::Kind;
    switch (error) {
    case HttpCall::Error::ConnectionRefused:
        return Kind::ConnectionRefused;
    case HttpCall::Error::HostNotFound:
        return Kind::HostNotFound;
    case HttpCall::Error::Timeout:
        return Kind::Timeout;
    case HttpCall::Error::TooLarge:
        return Kind::ReplyTooLarge;
    case HttpCall::Error::HttpStatus:
        return Kind::HttpStatus;
    case HttpCall::Error::ClosedUnanswered:
        return Kind::ClosedUnanswered;
    case HttpCall::Error::Cancelled:
        return Kind::Cancelled;
    default:
        return Kind::Network;
    }
}
