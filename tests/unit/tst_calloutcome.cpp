// The one classification of how a call ended (CallOutcome): its words, which outcomes are
// network errors, and that an HTTP exchange's error and the gateway error it becomes are
// classified alike, so that the probe, the check, the kind probe and the CLI's exit codes agree.
#include "core/backend/GatewayCall.h"
#include "core/net/CallOutcome.h"
#include "core/net/HttpCall.h"

#include <QSet>
#include <QTest>

namespace {

const QList<CallOutcome> all{CallOutcome::Ok,        CallOutcome::Refused,  CallOutcome::HostNotFound,
                             CallOutcome::Timeout,   CallOutcome::Closed,   CallOutcome::Network,
                             CallOutcome::Tls,       CallOutcome::TooLarge, CallOutcome::HttpStatus,
                             CallOutcome::BadAnswer, CallOutcome::Cancelled};

const QList<HttpCall::Error> httpErrors{HttpCall::Error::None,
                                        HttpCall::Error::ConnectionRefused,
                                        HttpCall::Error::HostNotFound,
                                        HttpCall::Error::Timeout,
                                        HttpCall::Error::TooLarge,
                                        HttpCall::Error::HttpStatus,
                                        HttpCall::Error::ClosedUnanswered,
                                        HttpCall::Error::Network,
                                        HttpCall::Error::Tls,
                                        HttpCall::Error::Cancelled};

} // namespace

class TestCallOutcome : public QObject
{
    Q_OBJECT
private slots:
    void eachOutcomeHasAWordOfItsOwn()
    {
        QSet<QString> words;
        for (const CallOutcome o : all) {
            QVERIFY(!outcomeWord(o).isEmpty());
            words.insert(outcomeWord(o));
        }
        QCOMPARE(int(words.size()), int(all.size()));
        // The words the status column and opendht-cli probe have always shown.
        QCOMPARE(outcomeWord(CallOutcome::Refused), QStringLiteral("refused"));
        QCOMPARE(outcomeWord(CallOutcome::Timeout), QStringLiteral("timeout"));
        QCOMPARE(outcomeWord(CallOutcome::BadAnswer), QStringLiteral("wrong protocol"));
        QCOMPARE(outcomeWord(CallOutcome::Network), QStringLiteral("unreachable"));
    }

    void networkErrorsAreTheUnansweredOnes()
    {
        QList<CallOutcome> network; // in the order of all
        for (const CallOutcome o : all) {
            if (isNetworkError(o))
                network.append(o);
        }
        const QList<CallOutcome> expected{
            CallOutcome::Refused, CallOutcome::HostNotFound, CallOutcome::Timeout,  CallOutcome::Closed,
            CallOutcome::Network, CallOutcome::Tls,          CallOutcome::Cancelled};
        QVERIFY(network == expected);
    }

    void anExchangeAndItsGatewayErrorAgree()
    {
        for (const HttpCall::Error e : httpErrors) {
            const CallOutcome direct = HttpCall::outcomeOf(e);
            const GatewayError error{
                e == HttpCall::Error::None ? GatewayError::Kind::None : GatewayCall::errorKind(e), {}};
            QVERIFY2(error.isNetworkError() == isNetworkError(direct), qPrintable(outcomeWord(direct)));
            QCOMPARE(error.isError(), direct != CallOutcome::Ok);
        }
    }

    void answersThatAreErrorsAreNoNetworkErrors()
    {
        for (const auto kind : {GatewayError::Kind::Fault, GatewayError::Kind::MalformedReply,
                                GatewayError::Kind::OverCapacity, GatewayError::Kind::TryAgainExhausted,
                                GatewayError::Kind::HttpStatus, GatewayError::Kind::ReplyTooLarge}) {
            const GatewayError error{kind, {}};
            QVERIFY(error.isError());
            QVERIFY(!error.isNetworkError());
        }
        const GatewayError closed{GatewayError::Kind::ClosedUnanswered, {}};
        QVERIFY(closed.outcome() == CallOutcome::Closed);
    }
};

QTEST_GUILESS_MAIN(TestCallOutcome)
#include "tst_calloutcome.moc"
