#pragma once

// A stock Debian `dhtnode` for a test, driven through its shell (stdin): started on free
// loopback ports, killed with the test whatever happens. TEST-ONLY support.
#include "FreePorts.h"

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

constexpr int stockDeadlineMs = 90000;

class StockNode
{
public:
    ~StockNode();
    bool start(const QStringList& args);
    // The last capture of the first output matching rx from now on (empty after the deadline).
    QString waitFor(const QRegularExpression& rx);
    void send(const QString& line) { m_process.write((line + u'\n').toUtf8()); }
    // Sends a shell put ("p KEY text", "s ...", "e ...") until the shell says it succeeded.
    bool put(const QString& command);
    QString output() const { return QString::fromUtf8(m_output); }

private:
    QProcess m_process;
    QByteArray m_output;
    int m_scanned = 0;
};
