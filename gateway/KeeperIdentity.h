#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

namespace dht::crypto {
struct PrivateKey;
}

// The key a gateway signs its messages to other gateways with, so that they know which gateway
// asks them to keep what (and charge it to that gateway's share). An RSA key: the only kind
// whose signatures libopendht 2.4 verifies. Kept in the state directory, so that a restarted
// gateway is the same keeper to the others; generated off the Qt thread when missing.
class KeeperIdentity : public QObject
{
    Q_OBJECT
public:
    static constexpr unsigned keyBits = 2048;

    explicit KeeperIdentity(QObject* parent = nullptr);
    ~KeeperIdentity() override;

    // Loads DIR/keeper.key, or makes a key (saved there when dir is set); ready() follows.
    void load(const QString& stateDir);
    bool isReady() const { return m_key != nullptr; }
    // 20 bytes: the id of the public key (libopendht's PublicKey::getId).
    QByteArray id() const { return m_id; }
    const std::shared_ptr<dht::crypto::PrivateKey>& key() const { return m_key; }

signals:
    void ready();

private:
    void adopt(std::shared_ptr<dht::crypto::PrivateKey> key);

    std::shared_ptr<dht::crypto::PrivateKey> m_key;
    QByteArray m_id;
};
