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
    finishWith(ClassicError::Kind::Cancelled, tr("cancelled"));
}

void GatewayCall::addValues(const QList<ClassicValue>& page, int pages)
{
    m_values += page;
    emit pageArrived(page);
    emit progress(int(m_values.size()), pages);
}

void GatewayCall::finishWith(ClassicError::Kind kind, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = {kind, message};
    QMetaObject::invokeMethod(this, &GatewayCall::finished, Qt::QueuedConnection);
}
