// Times our classic client against a running gateway: fetchAll of one key, and single gets on a
// kept-alive connection. Prints one line of figures per measurement; client_bench.py drives it
// next to Python's xmlrpc.client and curl in the same run.
#include <classic/ClassicClient.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <algorithm>
#include <cstdio>

namespace {

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

bool finish(ClassicReply* reply)
{
    QEventLoop loop;
    QObject::connect(reply, &ClassicReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (reply->error().isError())
        std::fprintf(stderr, "client_bench: %s\n", qPrintable(reply->error().message));
    return !reply->error().isError();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({{QStringLiteral("gateway"), QStringLiteral("Gateway URL."), QStringLiteral("URL")},
                  {QStringLiteral("key-hex"), QStringLiteral("Key bytes in hex."), QStringLiteral("HEX")},
                  {QStringLiteral("rounds"), QStringLiteral("Repetitions."), QStringLiteral("N"),
                   QStringLiteral("5")}});
    p.addPositionalArgument(QStringLiteral("what"), QStringLiteral("fetchall or get"));
    p.process(app);
    const ClassicKey key = ClassicKey::parse(p.value(QStringLiteral("key-hex")), ClassicKey::Mode::Hex);
    const int rounds = p.value(QStringLiteral("rounds")).toInt();
    QNetworkAccessManager nam;
    ClassicClient client(&nam);
    client.setGateway(QUrl(p.value(QStringLiteral("gateway"))));
    client.setApplication(QStringLiteral("client_bench"));
    const QString what = p.positionalArguments().value(0);
    QList<double> ms;
    qsizetype values = 0;
    int pages = 0;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        ClassicReply* reply = what == u"fetchall" ? client.fetchAll(key) : client.get(key, 10);
        if (!finish(reply))
            return 1;
        ms << double(t.nsecsElapsed()) / 1e6;
        values = reply->values().size();
        pages = reply->pages();
    }
    std::printf("%s rounds=%d values=%lld pages=%d median_ms=%.3f min_ms=%.3f\n", qPrintable(what), rounds,
                qlonglong(values), pages, median(ms), *std::min_element(ms.cbegin(), ms.cend()));
    return 0;
}
