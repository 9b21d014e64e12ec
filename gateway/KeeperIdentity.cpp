#include "KeeperIdentity.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <QThread>

#include <opendht/crypto.h>

namespace {

QByteArray bytes(const dht::Blob& blob)
{
    return QByteArray(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size()));
}

} // namespace

KeeperIdentity::KeeperIdentity(QObject* parent)
    : QObject(parent)
{
}

KeeperIdentity::~KeeperIdentity() = default;

void KeeperIdentity::load(const QString& stateDir)
{
    const QString path =
        stateDir.isEmpty() ? QString() : QDir(stateDir).filePath(QStringLiteral("keeper.key"));
    QFile file(path);
    if (!path.isEmpty() && file.open(QIODevice::ReadOnly)) {
        const QByteArray pem = file.readAll();
        try {
            adopt(std::make_shared<dht::crypto::PrivateKey>(
                std::string_view(pem.constData(), size_t(pem.size()))));
            return;
        } catch (const std::exception& e) {
            qWarning("%s is no key (%s): making a new one", qPrintable(path), e.what());
        }
    }
    // Tens of milliseconds, sometimes hundreds: not on the thread that answers clients.
    QPointer<KeeperIdentity> self(this);
    QThread* maker = QThread::create([self, path] {
        auto key = std::make_shared<dht::crypto::PrivateKey>(dht::crypto::PrivateKey::generate(keyBits));
        if (!path.isEmpty()) {
            QSaveFile out(path);
            if (out.open(QIODevice::WriteOnly)) {
                out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
                out.write(bytes(key->serialize()));
                out.commit();
            }
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, key] {
                if (self)
                    self->adopt(key);
            },
            Qt::QueuedConnection);
    });
    connect(maker, &QThread::finished, maker, &QObject::deleteLater);
    maker->start();
}

void KeeperIdentity::adopt(std::shared_ptr<dht::crypto::PrivateKey> key)
{
    m_key = std::move(key);
    const dht::InfoHash id = m_key->getPublicKey().getId();
    m_id = QByteArray(reinterpret_cast<const char*>(id.data()), qsizetype(id.size()));
    emit ready();
}
