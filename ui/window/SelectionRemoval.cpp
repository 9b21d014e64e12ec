#include "SelectionRemoval.h"

#include "core/dht/DhtLimits.h"

#include <QCryptographicHash>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

#include <algorithm>

SelectionRemoval::SelectionRemoval(GatewayBackend* backend, const DhtKey& key, const QList<DhtValue>& values,
                                   const QList<QByteArray>& secrets, QWidget* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_key(key)
    , m_values(values)
    , m_secrets(secrets)
    , m_parent(parent)
{
}

SelectionRemoval::~SelectionRemoval()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
        m_call->deleteLater();
    }
}

void SelectionRemoval::start()
{
    // Values put without a secret cannot be removed by anyone: said, not asked about.
    for (int i = int(m_values.size()) - 1; i >= 0; --i) {
        if (!m_values[i].removable()) {
            m_values.removeAt(i);
            m_secrets.removeAt(i);
            ++m_unremovable;
        }
    }
    if (m_values.isEmpty() || !m_backend || !m_backend->capabilities().remove) {
        finish();
        return;
    }
    confirm();
}

void SelectionRemoval::confirm()
{
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Remove values"),
        tr("Remove %n selected value(s)? This cannot be undone.", nullptr, int(m_values.size())),
        QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    box->setObjectName(QStringLiteral("confirmRemoveValues"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->result() != QMessageBox::Yes) {
            finish();
            return;
        }
        if (m_secrets.contains(QByteArray()))
            askSecret();
        else
            next();
    });
    box->open();
}

void SelectionRemoval::askSecret()
{
    auto* prompt = new QInputDialog(m_parent);
    prompt->setObjectName(QStringLiteral("removeValuesSecret"));
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->setWindowTitle(tr("Remove values"));
    prompt->setLabelText(tr("Secret the values were put with (asked once, for those whose secret this "
                            "window does not know):"));
    prompt->setTextEchoMode(QLineEdit::Password);
    connect(prompt, &QInputDialog::finished, this, [this, prompt](int result) {
        const QByteArray secret = prompt->textValue().toUtf8();
        if (result != QDialog::Accepted || secret.isEmpty()) {
            finish();
            return;
        }
        // The gateway keeps SHA-1 of the secret: values it is not the secret of stay.
        const QByteArray hash = QCryptographicHash::hash(secret, QCryptographicHash::Sha1);
        for (int i = int(m_values.size()) - 1; i >= 0; --i) {
            if (!m_secrets[i].isEmpty())
                continue;
            if (m_values[i].secretHash == hash) {
                m_secrets[i] = secret;
            } else {
                m_values.removeAt(i);
                m_secrets.removeAt(i);
                ++m_otherSecret;
            }
        }
        next();
    });
    prompt->open();
}

void SelectionRemoval::next()
{
    if (m_next >= m_values.size() || !m_backend) {
        m_gatewayGone = !m_backend;
        finish();
        return;
    }
    const DhtValue& value = m_values[m_next];
    // rm's TTL must outlive the value; a minute more than it has left, within the week.
    const int ttl = std::clamp(value.ttlLeft + 60, 60, int(DhtLimits::maxTtlSeconds));
    GatewayCall* call = m_backend->removeValue(m_key, value.data, m_secrets[m_next], ttl);
    m_call = call;
    m_pending = call;
    connect(call, &GatewayCall::finished, this, [this, call] {
        m_call = nullptr;
        m_pending = nullptr;
        call->deleteLater();
        if (call->ok())
            ++m_accepted;
        else
            m_errors << call->error().message;
        ++m_next;
        next();
    });
    // The call goes with its backend: then its finished() never comes.
    connect(call, &QObject::destroyed, this, [this, call] {
        if (m_pending == call) {
            m_pending = nullptr;
            m_gatewayGone = true;
            finish();
        }
    });
}

void SelectionRemoval::finish()
{
    if (m_done)
        return;
    m_done = true;
    QStringList lines;
    if (m_backend && !m_backend->capabilities().remove)
        lines << tr("A %1 gateway cannot remove values; use a classic gateway.")
                     .arg(GatewayBackend::kindName(m_backend->kind()));
    else
        lines << tr("Removal of %n value(s) accepted", nullptr, m_accepted);
    if (m_unremovable > 0)
        lines << tr("%n put without a secret (nobody can remove them)", nullptr, m_unremovable);
    if (m_otherSecret > 0)
        lines << tr("%n put with another secret, left alone", nullptr, m_otherSecret);
    if (!m_errors.isEmpty())
        lines << tr("%n refused: %1", nullptr, int(m_errors.size())).arg(m_errors.constFirst());
    if (m_gatewayGone)
        lines << tr("the gateway changed, so the rest were not sent");
    emit finished(m_accepted + int(m_errors.size()), lines.join(QStringLiteral("; ")));
    deleteLater();
}
