#include "StoredKeyPage.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool isKeyHex(const QString& hex)
{
    if (hex.size() != 40)
        return false;
    for (const QChar c : hex) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return true;
}

bool readKey(const QJsonObject& o, StoredKeyInfo* k)
{
    const QString hex = o.value(QLatin1String("key")).toString();
    if (!isKeyHex(hex) || !o.value(QLatin1String("values")).isDouble())
        return false;
    k->key20 = QByteArray::fromHex(hex.toLatin1());
    k->values = o.value(QLatin1String("values")).toInt();
    k->bytes = qint64(o.value(QLatin1String("bytes")).toDouble());
    k->newestMs = qint64(o.value(QLatin1String("newest_ms")).toDouble()); // null: 0, not known
    k->items = o.value(QLatin1String("items")).toInt();
    return k->values >= 0 && k->bytes >= 0;
}

} // namespace

StoredKeyPage StoredKeyPage::parse(const QByteArray& body)
{
    StoredKeyPage page;
    QList<QByteArray> lines = body.split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return page;
    const QJsonObject end = QJsonDocument::fromJson(lines.takeLast()).object();
    if (!end.value(QLatin1String("next")).isString() || !end.value(QLatin1String("total")).isDouble())
        return page;
    const QString next = end.value(QLatin1String("next")).toString();
    page.outcome = Outcome::Malformed;
    if (!next.isEmpty() && !isKeyHex(next)) {
        page.problem = QStringLiteral("the next cursor is not a key");
        return page;
    }
    page.next20 = QByteArray::fromHex(next.toLatin1());
    page.total = qint64(end.value(QLatin1String("total")).toDouble());
    page.keys.reserve(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        StoredKeyInfo k;
        if (!readKey(QJsonDocument::fromJson(lines[i]).object(), &k)) {
            page.problem = QStringLiteral("line %1 is not a key").arg(i + 1);
            page.keys.clear();
            return page;
        }
        page.keys.append(std::move(k));
    }
    page.outcome = Outcome::Page;
    return page;
}
