#pragma once

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"

#include <QObject>
#include <QPointer>

class QWidget;

// Removes several selected values at once: asks once to confirm, once for a secret when some
// values' secrets are not known from this session (a value whose secret hash is not that
// secret's is left alone, and counted), then takes them back one after the other. The dialogs
// are opened, never exec()'d: the gateway may change meanwhile, and then nothing more is sent.
class SelectionRemoval : public QObject
{
    Q_OBJECT
public:
    // secrets: for each value, its secret when known (else empty).
    SelectionRemoval(GatewayBackend* backend, const DhtKey& key, const QList<DhtValue>& values,
                     const QList<QByteArray>& secrets, QWidget* parent);
    ~SelectionRemoval() override;

    void start();

signals:
    // What happened, in words; sent once, also when the user said no (then sent() is 0).
    void finished(int sent, const QString& summary);

private:
    void confirm();
    void askSecret();
    void next();
    void finish();

    QPointer<GatewayBackend> m_backend;
    DhtKey m_key;
    QList<DhtValue> m_values;
    QList<QByteArray> m_secrets;
    QWidget* m_parent;
    QPointer<GatewayCall> m_call;
    const GatewayCall* m_pending = nullptr; // sent, its finished() not yet come
    int m_next = 0;
    int m_accepted = 0;
    int m_unremovable = 0; // put without a secret
    int m_otherSecret = 0; // the typed secret is not theirs
    QStringList m_errors;
    bool m_gatewayGone = false;
    bool m_done = false;
};
