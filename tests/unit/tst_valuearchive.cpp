// ValueArchive and ArchiveReader: what an export writes reads back the same, and what a damaged
// or hostile file holds is refused record by record with a reason, never held whole.
#include "core/archive/ArchiveReader.h"
#include "core/archive/ValueArchive.h"
#include "core/stored/ClassicItem.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Entry = ArchiveReader::Entry;
using ValueArchive::Format;

namespace {

const QDateTime now = QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::UTC);

QList<Entry> readAll(const QByteArray& file, QString* headerError = nullptr)
{
    QBuffer buffer;
    buffer.setData(file);
    buffer.open(QIODevice::ReadOnly);
    ArchiveReader reader(&buffer, [] { return now; });
    QList<Entry> entries;
    while (reader.hasNext() && entries.size() < 10000)
        entries << reader.next();
    if (headerError)
        *headerError = reader.headerError();
    return entries;
}

ValueArchive::Record sample(const QByteArray& data, int secondsLeft, const QString& application)
{
    ValueArchive::Record record;
    record.value.data = data;
    record.value.ttlLeft = secondsLeft;
    record.value.application = application;
    record.value.secretHash = classic::sha1("secret");
    record.endsAt = now.addMSecs(qint64(secondsLeft) * 1000 + 300);
    return record;
}

QStringList list(std::initializer_list<const char*> texts)
{
    QStringList result;
    for (const char* text : texts)
        result << QString::fromUtf8(text);
    return result;
}

} // namespace

class TestValueArchive : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void csvQuoting_data();
    void csvQuoting();
    void malformedJsonLines_data();
    void malformedJsonLines();
    void hugeLineIsSkipped();
    void csvWithoutHeader();
    void csvFieldCount();
    void ttlWithoutEndTime();
    void dhtMetadataRoundTrip_data();
    void dhtMetadataRoundTrip();
    void encryptedValueTypeIsUnknown_data();
    void encryptedValueTypeIsUnknown();
    void badDhtMetadataIsRefused_data();
    void badDhtMetadataIsRefused();
};

void TestValueArchive::roundTrip_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("json lines") << int(Format::JsonLines);
    QTest::newRow("csv") << int(Format::Csv);
}

void TestValueArchive::roundTrip()
{
    QFETCH(int, format);
    const DhtKey key = DhtKey::parse(QStringLiteral("k,\"ey\"\n"), DhtKey::Mode::Text);
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary += char(i);
    const QList<ValueArchive::Record> records{
        sample("plain", 60, QStringLiteral("app")),
        sample(binary, 3600, QStringLiteral("a, \"quoted\"\nname")), sample({}, 5, QString()),
        sample(QByteArray(DhtLimits::maxValueBytes, 'x'), 604800, QStringLiteral(" ="))};
    QByteArray file = ValueArchive::header(Format(format));
    for (const auto& record : records)
        file += ValueArchive::record(Format(format), key, record);
    const QList<Entry> entries = readAll(file);
    QCOMPARE(entries.size(), records.size());
    for (int i = 0; i < records.size(); ++i) {
        const Entry& e = entries[i];
        QCOMPARE(int(e.status), int(Entry::Status::Ok));
        QCOMPARE(e.value.data, records[i].value.data);
        QCOMPARE(e.value.application, records[i].value.application);
        QCOMPARE(e.value.secretHash, records[i].value.secretHash);
        QCOMPARE(e.endsAt, records[i].endsAt);
        QCOMPARE(e.value.ttlLeft, std::min(records[i].value.ttlLeft, int(DhtLimits::maxTtlSeconds)));
        QCOMPARE(e.keyInput, key.input());
        QCOMPARE(e.keyMode, QStringLiteral("text"));
    }
}

void TestValueArchive::csvQuoting_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QStringList>("fields"); // empty: refused
    QTest::newRow("plain") << QByteArray("a,b,c") << list({"a", "b", "c"});
    QTest::newRow("empty fields") << QByteArray(",,") << list({"", "", ""});
    QTest::newRow("quoted comma") << QByteArray("\"a,b\",c") << list({"a,b", "c"});
    QTest::newRow("doubled quote") << QByteArray("\"say \"\"hi\"\"\",x") << list({"say \"hi\"", "x"});
    QTest::newRow("newline inside") << QByteArray("\"one\ntwo\",x") << list({"one\ntwo", "x"});
    QTest::newRow("quote mid-field") << QByteArray("ab\"c,d") << QStringList{};
    QTest::newRow("text after quote") << QByteArray("\"ab\"c,d") << QStringList{};
    QTest::newRow("never closed") << QByteArray("\"abc,d") << QStringList{};
}

void TestValueArchive::csvQuoting()
{
    QFETCH(QByteArray, record);
    QFETCH(QStringList, fields);
    QStringList got;
    QString error;
    const bool ok = ArchiveReader::splitCsv(record, &got, &error);
    QCOMPARE(ok, !fields.isEmpty());
    if (ok)
        QCOMPARE(got, fields);
    else
        QVERIFY(!error.isEmpty());
    // What csvField writes splits back to itself.
    for (const QString& field : std::as_const(fields)) {
        QVERIFY(ArchiveReader::splitCsv(ValueArchive::csvField(field), &got, &error));
        QCOMPARE(got, QStringList{field});
    }
}

void TestValueArchive::malformedJsonLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("status");
    const QByteArray end = ",\"ends_at\":\"2026-12-01T15:00:00.000Z\"}";
    QTest::newRow("good") << ("{\"data\":\"aGk=\"" + end) << int(Entry::Status::Ok);
    QTest::newRow("not json") << QByteArray("{data: hi}") << int(Entry::Status::BadLine);
    QTest::newRow("truncated") << QByteArray("{\"data\":\"aGk=\"") << int(Entry::Status::BadLine);
    QTest::newRow("array") << QByteArray("[1,2]") << int(Entry::Status::BadLine);
    QTest::newRow("no data") << ("{\"application\":\"x\"" + end) << int(Entry::Status::BadLine);
    QTest::newRow("wrong base64") << ("{\"data\":\"a*Gk=\"" + end) << int(Entry::Status::BadLine);
    QTest::newRow("data a number") << ("{\"data\":12" + end) << int(Entry::Status::BadLine);
    QTest::newRow("data an object") << ("{\"data\":{}" + end) << int(Entry::Status::BadLine);
    QTest::newRow("bad end time") << QByteArray("{\"data\":\"aGk=\",\"ends_at\":\"soon\"}")
                                  << int(Entry::Status::BadLine);
    QTest::newRow("bad ttl") << QByteArray("{\"data\":\"aGk=\",\"ttl_left\":\"long\"}")
                             << int(Entry::Status::BadLine);
    QTest::newRow("bad secret hash") << ("{\"data\":\"aGk=\",\"secret_hash\":\"zz\"" + end)
                                     << int(Entry::Status::BadLine);
    QTest::newRow("over 1024 bytes") << ("{\"data\":\"" + QByteArray(1025, 'x').toBase64() + '"' + end)
                                     << int(Entry::Status::TooLong);
    QTest::newRow("ended") << QByteArray("{\"data\":\"aGk=\",\"ends_at\":\"2026-12-01T13:59:59.000Z\"}")
                           << int(Entry::Status::Expired);
    QTest::newRow("ttl left 0") << QByteArray("{\"data\":\"aGk=\",\"ttl_left\":0}")
                                << int(Entry::Status::Expired);
}

void TestValueArchive::malformedJsonLines()
{
    QFETCH(QByteArray, line);
    QFETCH(int, status);
    // Between two good lines: a bad line spoils only itself, and says which line it was.
    const QByteArray good = "{\"data\":\"b2s=\",\"ttl_left\":60}\n";
    const QList<Entry> entries = readAll(good + "\n" + line + "\n" + good);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(int(entries[1].status), status);
    QCOMPARE(entries[1].line, 3);
    QCOMPARE(entries[1].reason.isEmpty(), status == int(Entry::Status::Ok));
    QCOMPARE(int(entries[2].status), int(Entry::Status::Ok));
    QCOMPARE(entries[2].value.data, QByteArray("ok"));
    QCOMPARE(entries[2].line, 4);
}

void TestValueArchive::hugeLineIsSkipped()
{
    const QByteArray good = "{\"data\":\"b2s=\",\"ttl_left\":60}\n";
    const QByteArray huge = "{\"data\":\"" + QByteArray(5 * 1024 * 1024, 'A') + "\"}\n";
    const QList<Entry> entries = readAll(good + huge + good);
    QCOMPARE(entries.size(), 3);
    QCOMPARE(int(entries[1].status), int(Entry::Status::BadLine));
    QCOMPARE(entries[2].line, 3);
    QCOMPARE(entries[2].value.data, QByteArray("ok"));
    // One without an end, at the end of the file.
    const QList<Entry> last = readAll(good + QByteArray(ArchiveReader::maxRecordBytes * 3, 'A'));
    QCOMPARE(last.size(), 2);
    QCOMPARE(int(last[1].status), int(Entry::Status::BadLine));
}

void TestValueArchive::csvWithoutHeader()
{
    QString error;
    QVERIFY(readAll("aGk=,60\r\n", &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(readAll("", &error).isEmpty());
    QVERIFY(error.isEmpty()); // an empty file is an empty archive
}

void TestValueArchive::csvFieldCount()
{
    const QList<Entry> entries =
        readAll("ttl_left,data\r\n60,aGk=\r\n60\r\n60,aGk=,x\r\n\"60\",\"b2s=\"\r\n");
    QCOMPARE(entries.size(), 4);
    QCOMPARE(int(entries[0].status), int(Entry::Status::Ok));
    QCOMPARE(entries[0].value.ttlLeft, 60);
    QCOMPARE(int(entries[1].status), int(Entry::Status::BadLine));
    QCOMPARE(int(entries[2].status), int(Entry::Status::BadLine));
    QCOMPARE(entries[3].value.data, QByteArray("ok"));
    QCOMPARE(entries[3].line, 5);
}

void TestValueArchive::ttlWithoutEndTime()
{
    const QList<Entry> entries =
        readAll("{\"data\":\"aGk=\",\"ttl_left\":-1}\n{\"data\":\"aGk=\",\"ttl_left\":9999999}\n");
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].value.ttlLeft, -1); // unknown: the importer's default applies
    QCOMPARE(entries[1].value.ttlLeft, int(DhtLimits::maxTtlSeconds));
}

// What the DHT says of a value of other software comes back from the file: every field from JSON
// lines, all but the long ones (signature, owner's key, cypher) from CSV.
void TestValueArchive::dhtMetadataRoundTrip_data()
{
    roundTrip_data();
}

void TestValueArchive::dhtMetadataRoundTrip()
{
    QFETCH(int, format);
    const bool json = Format(format) == Format::JsonLines;
    const DhtKey key = DhtKey::parse(QStringLiteral("meta"), DhtKey::Mode::Text);
    ValueArchive::Record signedOne = sample("signed", 600, QString());
    signedOne.value.hasId = true;
    signedOne.value.id = 18446744073709551557ull; // over 2^53: a JSON number would round it
    signedOne.value.type = 3;
    auto meta = std::make_shared<DhtValueMeta>();
    meta->signature = QByteArray(512, '\x7f');
    meta->ownerPem = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
    meta->ownerId = QByteArray(40, 'a');
    meta->seq = 7;
    meta->recipientHex = QByteArray(40, 'b');
    meta->userType = "text/plain, \"quoted\"";
    meta->priority = 2;
    signedOne.value.meta = meta;
    ValueArchive::Record sealed = sample({}, 60, QString());
    sealed.value.hasId = true;
    sealed.value.id = 42;
    auto sealedMeta = std::make_shared<DhtValueMeta>();
    sealedMeta->cypher = QByteArray(300, '\x01');
    sealed.value.meta = sealedMeta;
    ValueArchive::Record classic = sample("classic", 60, QStringLiteral("app")); // no id at all

    QByteArray file = ValueArchive::header(Format(format));
    for (const auto& record : {signedOne, sealed, classic})
        file += ValueArchive::record(Format(format), key, record);
    const QList<Entry> entries = readAll(file);
    QCOMPARE(entries.size(), 3);
    for (const Entry& e : entries)
        QVERIFY2(e.status == Entry::Status::Ok, qPrintable(e.reason));

    const DhtValue& s = entries[0].value;
    QVERIFY(s.hasId);
    QCOMPARE(s.id, signedOne.value.id);
    QCOMPARE(s.type, quint16(3));
    QVERIFY(s.meta);
    QCOMPARE(s.meta->ownerId, meta->ownerId);
    QCOMPARE(s.meta->seq, 7);
    QCOMPARE(s.meta->recipientHex, meta->recipientHex);
    QCOMPARE(s.meta->userType, meta->userType);
    QCOMPARE(s.meta->priority, 2u);
    QCOMPARE(s.meta->signature, json ? meta->signature : QByteArray());
    QCOMPARE(s.meta->ownerPem, json ? meta->ownerPem : QByteArray());

    const DhtValue& c = entries[1].value;
    QVERIFY(c.hasId);
    QCOMPARE(c.id, quint64(42));
    QCOMPARE(c.isEncrypted(), json);
    if (json)
        QCOMPARE(c.meta->cypher, sealedMeta->cypher);

    QVERIFY(!entries[2].value.hasId);
    QVERIFY(!entries[2].value.meta);
    QCOMPARE(entries[2].value.application, QStringLiteral("app"));

    if (json) { // the names of `opendht-cli get --format json`
        const QJsonObject o = QJsonDocument::fromJson(file.split('\n').first()).object();
        QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("18446744073709551557"));
        QCOMPARE(o.value(QStringLiteral("owner")).toString(), QString(40, u'a'));
        QCOMPARE(o.value(QStringLiteral("signed")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("signature")).toString(),
                 QString::fromLatin1(meta->signature.toBase64()));
        QCOMPARE(o.value(QStringLiteral("type_name")).toString(), QStringLiteral("IM message"));
    }
}

// An encrypted value's type, type name, user type, signed and priority are inside its
// ciphertext: the export says nothing of them (null in JSON lines, empty in CSV), never the
// type 0 "user data" or "unsigned" of the outer value; a plain value beside it has them all.
void TestValueArchive::encryptedValueTypeIsUnknown_data()
{
    roundTrip_data();
}

void TestValueArchive::encryptedValueTypeIsUnknown()
{
    QFETCH(int, format);
    const DhtKey key = DhtKey::parse(QStringLiteral("sealed"), DhtKey::Mode::Text);
    ValueArchive::Record sealed = sample({}, 60, QString());
    sealed.value.hasId = true;
    sealed.value.id = 42;
    auto meta = std::make_shared<DhtValueMeta>();
    meta->cypher = QByteArray(300, '\x01');
    sealed.value.meta = meta;
    ValueArchive::Record plain = sample("plain", 60, QString());
    plain.value.hasId = true;
    plain.value.id = 43;

    const QStringList unknown = list({"type", "type_name", "user_type", "signed", "priority"});
    QList<ValueArchive::Fields> written;
    if (Format(format) == Format::JsonLines) {
        for (const auto& record : {sealed, plain}) {
            const QJsonObject o =
                QJsonDocument::fromJson(ValueArchive::record(Format::JsonLines, key, record)).object();
            ValueArchive::Fields fields;
            for (auto it = o.begin(); it != o.end(); ++it)
                fields.insert(it.key(), it.value().isNull() ? QStringLiteral("null")
                                                            : it.value().toVariant().toString());
            written << fields;
        }
        for (const QString& name : unknown)
            QVERIFY2(written[0].value(name) == u"null", qPrintable(name + u": " + written[0].value(name)));
    } else {
        QStringList names, values;
        QString error;
        QVERIFY(ArchiveReader::splitCsv(ValueArchive::header(Format::Csv).trimmed(), &names, &error));
        for (const auto& record : {sealed, plain}) {
            QVERIFY(ArchiveReader::splitCsv(ValueArchive::record(Format::Csv, key, record).trimmed(), &values,
                                            &error));
            QCOMPARE(values.size(), names.size());
            ValueArchive::Fields fields;
            for (int i = 0; i < names.size(); ++i)
                fields.insert(names[i], values[i]);
            written << fields;
        }
        for (const QString& name : unknown)
            QVERIFY2(written[0].value(name).isEmpty(), qPrintable(name + u": " + written[0].value(name)));
    }
    QCOMPARE(written[0].value(QStringLiteral("id")), QStringLiteral("42"));
    QCOMPARE(written[0].value(QStringLiteral("encrypted")), QStringLiteral("true"));
    QCOMPARE(written[1].value(QStringLiteral("type")), QStringLiteral("0"));
    QCOMPARE(written[1].value(QStringLiteral("type_name")), QStringLiteral("user data"));
    QCOMPARE(written[1].value(QStringLiteral("signed")), QStringLiteral("false"));
    QCOMPARE(written[1].value(QStringLiteral("encrypted")), QStringLiteral("false"));

    // And the file reads back: no type is no error.
    QByteArray file = ValueArchive::header(Format(format));
    for (const auto& record : {sealed, plain})
        file += ValueArchive::record(Format(format), key, record);
    const QList<Entry> entries = readAll(file);
    QCOMPARE(entries.size(), 2);
    for (const Entry& e : entries)
        QVERIFY2(e.status == Entry::Status::Ok, qPrintable(e.reason));
    QCOMPARE(entries[0].value.id, quint64(42));
}

void TestValueArchive::badDhtMetadataIsRefused_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("id not a number") << QByteArray(R"({"data":"eA==","id":"x1"})") << QStringLiteral("id");
    QTest::newRow("id over 64 bits") << QByteArray(R"({"data":"eA==","id":"18446744073709551616"})")
                                     << QStringLiteral("id");
    QTest::newRow("type over 16 bits")
        << QByteArray(R"({"data":"eA==","id":"1","type":65536})") << QStringLiteral("type");
    QTest::newRow("signature not base64")
        << QByteArray(R"({"data":"eA==","id":"1","signature":"*"})") << QStringLiteral("signature");
    QTest::newRow("seq not a number")
        << QByteArray(R"({"data":"eA==","id":"1","seq":"seven"})") << QStringLiteral("seq");
}

void TestValueArchive::badDhtMetadataIsRefused()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    const QList<Entry> entries = readAll(line + '\n');
    QCOMPARE(entries.size(), 1);
    QCOMPARE(int(entries[0].status), int(Entry::Status::BadLine));
    QVERIFY2(entries[0].reason.contains(reason), qPrintable(entries[0].reason));
}

QTEST_GUILESS_MAIN(TestValueArchive)
#include "tst_valuearchive.moc"
