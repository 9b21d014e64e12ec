// opendht-cli reads its counts as English does, "1 value" and "2 values", whatever the user's
// language (issue 16, translations): it loads the English plural forms compiled into its
// resources (core/l10n/Translation), and English again where no translation of that language
// ships. Runs the real CLI against a real opendht-gateway, under several locales.
#include "support/GatewayProcess.h"
#include "support/ProgramRun.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

namespace {

constexpr int runDeadlineMs = 30000;

// The CLI run to its end under the locale LANG (LC_ALL and LC_MESSAGES cleared, so LANG decides).
ProgramRun cli(const QStringList& arguments, const QString& lang = QStringLiteral("C.UTF-8"))
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("LANG"), lang);
    return runCli(arguments, env, {}, runDeadlineMs);
}

QByteArray hashHex(const QString& key)
{
    return QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
}

// The line of `opendht-cli keys` for a key, empty if it is not listed.
QByteArray lineOf(const QByteArray& out, const QString& key)
{
    for (const QByteArray& line : out.split('\n'))
        if (line.startsWith(hashHex(key)))
            return line;
    return {};
}

} // namespace

class TestCliTranslation : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;

    QStringList on(QStringList arguments) const
    {
        return arguments << QStringLiteral("--gateway") << m_gateway.url().toString();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_gateway.start(&error), qPrintable(error));
        const QString one = QStringLiteral("tst_clitranslation one");
        const QString two = QStringLiteral("tst_clitranslation two");
        for (const QStringList& put :
             {QStringList{one, QStringLiteral("a")}, QStringList{two, QStringLiteral("b")},
              QStringList{two, QStringLiteral("cd")}}) {
            const ProgramRun r = cli(on(QStringList{QStringLiteral("put")} + put));
            QVERIFY2(r.code == 0, qPrintable(r.describe()));
        }
    }

    void countsReadAsEnglish_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("C") << QStringLiteral("C.UTF-8");
        QTest::newRow("English") << QStringLiteral("en_GB.UTF-8");
        // No French or German file ships: English, not the sources' "value(s)".
        QTest::newRow("French") << QStringLiteral("fr_FR.UTF-8");
        QTest::newRow("German") << QStringLiteral("de_DE.UTF-8");
    }
    void countsReadAsEnglish()
    {
        QFETCH(QString, lang);
        const ProgramRun r = cli(on({QStringLiteral("keys")}), lang);
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QByteArray one = lineOf(r.out, QStringLiteral("tst_clitranslation one"));
        const QByteArray two = lineOf(r.out, QStringLiteral("tst_clitranslation two"));
        QVERIFY2(one.contains(" 1 value ") && one.endsWith(" 1 classic item kept by the gateway"),
                 qPrintable(r.describe()));
        QVERIFY2(two.contains(" 2 values ") && two.endsWith(" 2 classic items kept by the gateway"),
                 qPrintable(r.describe()));
        QVERIFY2(!r.out.contains("(s)") && !r.err.contains("(s)"), qPrintable(r.describe()));
        // Our two keys and what else the gateway keeps (its own records): more than one key.
        const qsizetype keys = r.out.trimmed().split('\n').size();
        QVERIFY2(keys >= 2 && r.err.contains(QByteArray(QByteArray::number(keys) + " keys stored on " +
                                                        m_gateway.authority().toUtf8())),
                 qPrintable(r.describe()));
    }

    void limitedListingSaysOfHowMany()
    {
        const ProgramRun r =
            cli(on({QStringLiteral("keys"), QStringLiteral("--limit"), QStringLiteral("1")}));
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        static const QRegularExpression summary(QStringLiteral("1 of the \\d+ keys stored on "));
        QVERIFY2(summary.match(QString::fromUtf8(r.err)).hasMatch(), qPrintable(r.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliTranslation)
#include "tst_clitranslation.moc"
