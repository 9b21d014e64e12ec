#include "StockNode.h"

#include <QDeadlineTimer>

StockNode::~StockNode()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool StockNode::start(const QStringList& args)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QStringLiteral("dhtnode"), args);
    return m_process.waitForStarted(stockDeadlineMs);
}

QString StockNode::waitFor(const QRegularExpression& rx)
{
    QDeadlineTimer deadline(stockDeadlineMs);
    while (!deadline.hasExpired()) {
        const QRegularExpressionMatch m = rx.match(QString::fromUtf8(m_output), m_scanned);
        if (m.hasMatch()) {
            m_scanned = int(m.capturedEnd());
            return m.captured(m.lastCapturedIndex());
        }
        if (m_process.state() == QProcess::NotRunning)
            return {};
        if (m_process.waitForReadyRead(500))
            m_output += m_process.readAll();
    }
    return {};
}

bool StockNode::put(const QString& command)
{
    // The shell answers "... success" or "failure"; a node that has not found the DHT yet fails.
    QDeadlineTimer deadline(stockDeadlineMs);
    while (!deadline.hasExpired()) {
        send(command);
        if (waitFor(QRegularExpression(QStringLiteral("(?i)(success|fail)"))).contains(u"success"))
            return true;
    }
    return false;
}
