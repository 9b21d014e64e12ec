#include "GatewaySeed.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

bool seedGateway(const QUrl& gateway, int count, const std::function<SeedValue(int)>& valueOf, int deadlineMs)
{
    QNetworkAccessManager nam;
    int done = 0, failed = 0, next = 0;
    QEventLoop loop;
    std::function<void()> putNext = [&] {
        if (next >= count)
            return;
        const SeedValue value = valueOf(next++);
        QUrl url = gateway;
        url.setPath(QStringLiteral("/key/") + value.keyHex);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(deadlineMs);
        const QByteArray body = "{\"type\":0,\"data\":\"" + value.data.toBase64() + "\"}";
        QNetworkReply* reply = nam.post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->deleteLater();
            failed += reply->error() != QNetworkReply::NoError;
            if (++done == count)
                loop.quit();
            putNext();
        });
    };
    for (int i = 0; i < 6; ++i)
        putNext();
    if (count > 0)
        loop.exec();
    return failed == 0;
}
