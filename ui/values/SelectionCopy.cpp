#include "SelectionCopy.h"

#include "ValueFormat.h"
#include "ValuesModel.h"

#include <QDateTime>

QString SelectionCopy::lines(const QModelIndexList& rows, ValueViewer::Format format, const DhtKey& key,
                             const QUrl& gateway, GatewayKind kind)
{
    QStringList out;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QModelIndex& row : rows) {
        const QByteArray bytes = row.data(ValuesModel::BytesRole).toByteArray();
        switch (format) {
        case ValueViewer::Format::Text:
            out << ValueFormat::visibleText(bytes, false);
            break;
        case ValueViewer::Format::Hex:
            out << QString::fromLatin1(bytes.toHex());
            break;
        case ValueViewer::Format::Base64:
            out << QString::fromLatin1(bytes.toBase64());
            break;
        case ValueViewer::Format::Command: {
            const QDateTime end = row.data(ValuesModel::ExpiresAtRole).toDateTime();
            const int ttl = end.isValid() ? int(std::max<qint64>(1, now.secsTo(end))) : -1;
            out << ValueFormat::cliCommand(key, bytes, ttl, gateway, kind);
            break;
        }
        }
    }
    return out.join(u'\n') + u'\n';
}

QString SelectionCopy::message(int count, ValueViewer::Format format)
{
    switch (format) {
    case ValueViewer::Format::Text:
        return tr("Copied %n value(s) as text, one a line (line breaks and controls shown as symbols)",
                  nullptr, count);
    case ValueViewer::Format::Hex:
        return tr("Copied %n value(s) as hex, one a line", nullptr, count);
    case ValueViewer::Format::Base64:
        return tr("Copied %n value(s) as base64, one a line", nullptr, count);
    case ValueViewer::Format::Command:
        break;
    }
    return tr("Copied %n opendht-cli command(s) that put these values again, one a line", nullptr, count);
}
