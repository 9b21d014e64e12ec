#include "CallOutcome.h"

#include <QCoreApplication>

bool isNetworkError(CallOutcome outcome)
{
    switch (outcome) {
    case CallOutcome::Refused:
    case CallOutcome::HostNotFound:
    case CallOutcome::Timeout:
    case CallOutcome::Closed:
    case CallOutcome::Network:
    case CallOutcome::Tls:
    case CallOutcome::Cancelled:
        return true;
    case CallOutcome::Ok:
    case CallOutcome::TooLarge:
    case CallOutcome::HttpStatus:
    case CallOutcome::BadAnswer:
        break;
    }
    return false;
}

QString outcomeWord(CallOutcome outcome)
{
    const auto tr = [](const char* s) { return QCoreApplication::translate("CallOutcome", s); };
    switch (outcome) {
    case CallOutcome::Ok:
        return tr("ok");
    case CallOutcome::Refused:
        return tr("refused");
    case CallOutcome::HostNotFound:
        return tr("host not found");
    case CallOutcome::Timeout:
        return tr("timeout");
    case CallOutcome::Closed:
        return tr("closed unanswered");
    case CallOutcome::Network:
        return tr("unreachable");
    case CallOutcome::Tls:
        return tr("TLS failed");
    case CallOutcome::TooLarge:
        return tr("reply too large");
    case CallOutcome::HttpStatus:
        return tr("HTTP error");
    case CallOutcome::BadAnswer:
        return tr("wrong protocol");
    case CallOutcome::Cancelled:
        return tr("cancelled");
    }
    return {};
}
