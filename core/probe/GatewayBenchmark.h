#pragma once

#include "GatewayVerdict.h"

#include "core/backend/GatewayBackend.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

// "Benchmark now": N rounds of real gets (of the probe key, which makes each gateway search its
// DHT) and, if asked, puts of a short-lived probe value, on every gateway at once, each gateway
// one call after the other; then a conclusion in words and the figures as CSV. Its own network
// manager: nothing else waits behind it. progress() after every call, finished() once, also
// after cancel().
class GatewayBenchmark : public QObject
{
    Q_OBJECT
public:
    struct Gateway
    {
        QUrl url;
        QString name;
        GatewayKind kind = GatewayKind::Classic;
        std::optional<GatewayVerdict> verdict; // what the probe thinks of it, if anything
    };
    struct Result
    {
        Gateway gateway;
        QList<double> getMs; // calls that worked
        int getFailures = 0;
        QList<double> putMs;
        int putFailures = 0;
        QString lastError;

        std::optional<double> median() const; // of the gets
        std::optional<double> p90() const;
        std::optional<double> putMedian() const; // of the puts
        // Healthy by the probe's verdict (when it has one), and every call worked.
        bool healthy() const;
    };
    struct Conclusion
    {
        int fastest = -1;  // index in results(): the fastest healthy gateway (-1: none)
        int inUse = -1;    // the one in use, when it took part
        double ratio = 0;  // how many times as fast the fastest is as the one in use (0: not known)
        QStringList lines; // the whole conclusion in words
    };
    static constexpr int putTtlSeconds = 60;

    explicit GatewayBenchmark(QObject* parent = nullptr);
    ~GatewayBenchmark() override;

    void setRounds(int rounds) { m_rounds = rounds; }
    int rounds() const { return m_rounds; }
    void setPuts(bool on) { m_puts = on; }
    void setTimeout(int ms) { m_limits.deadlineMs = m_limits.inactivityMs = ms; }
    void start(const QList<Gateway>& gateways);
    void cancel();
    bool isRunning() const { return m_running; }
    int done() const { return m_done; }
    int total() const;

    const std::vector<Result>& results() const { return m_results; }
    Conclusion conclude(const QUrl& inUse) const;
    // One line per gateway: url,name,kind,health,gets,get_failures,median_ms,min_ms,p90_ms,
    // puts,put_failures,put_median_ms,last_error (RFC 4180 quoting).
    QByteArray toCsv() const;

signals:
    void progress(int done, int total);
    void finished(bool cancelled);

private:
    void next(size_t index, int call);
    void finishIfDone();

    QNetworkAccessManager m_nam;
    HttpCall::Limits m_limits;
    int m_rounds = 10;
    bool m_puts = false;
    bool m_running = false;
    bool m_cancelled = false;
    int m_done = 0;
    int m_chainsLeft = 0;
    std::vector<Result> m_results;
    std::vector<std::unique_ptr<GatewayBackend>> m_backends;
    std::vector<QPointer<GatewayCall>> m_calls;
};
