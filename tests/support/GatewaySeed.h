#pragma once
// Fills a real gateway with values through its REST API (POST /key/{hash}), as a test's setup:
// what it stores is then listed and read by the code under test. TEST-ONLY support.
#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

// What the i-th put of a seeding stores: under which key (hex SHA-1) and which bytes.
struct SeedValue
{
    QString keyHex;
    QByteArray data;
};

// POSTs count values of type 0, six at a time (QNetworkAccessManager's connections to one
// host); true when every one was answered without an error within deadlineMs each.
bool seedGateway(const QUrl& gateway, int count, const std::function<SeedValue(int)>& valueOf,
                 int deadlineMs = 30000);
