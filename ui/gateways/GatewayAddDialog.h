#pragma once

#include "core/probe/GatewayDirectory.h"

#include <QDialog>
#include <QPointer>

class GatewayCheck;
class GatewayChooser;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// "Add gateway": takes a URL (and an optional name), checks in the background that it answers
// as a gateway (see GatewayCheck) while the window stays usable, shows the kind it found or
// what is wrong in words, and adds it to the directory on success (then closes). With edit(),
// the same for a saved gateway: its name and URL changed, its kind detected again.
class GatewayAddDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GatewayAddDialog(GatewayChooser* chooser, QWidget* parent = nullptr);

    // Edits entry instead of adding one: the fields hold its URL and name.
    void edit(const GatewayDirectory::Entry& entry);
    QLineEdit* urlEdit() const { return m_url; }
    QLineEdit* nameEdit() const { return m_name; }
    QLabel* statusLabel() const { return m_status; }
    bool isChecking() const { return !m_check.isNull(); }

    void accept() override; // starts the check; the dialog closes once the gateway is added
    void reject() override; // cancels a check under way

signals:
    // The gateway was added; message says so, with the kind found, in words.
    void added(const QUrl& url, const QString& message);

private:
    void onChecked();
    void setChecking(bool checking);
    void showStatus(const QString& text);

    GatewayChooser* m_chooser;
    QLineEdit* m_url;
    QLineEdit* m_name;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QPointer<GatewayCheck> m_check;
    QUrl m_editing; // the URL of the entry edited (empty: adding)
    GatewayDirectory::Origin m_editedOrigin = GatewayDirectory::Origin::User;
};
