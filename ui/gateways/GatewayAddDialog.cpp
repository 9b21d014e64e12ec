#include "GatewayAddDialog.h"

#include "core/probe/GatewayCheck.h"
#include "core/probe/GatewayChooser.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

GatewayAddDialog::GatewayAddDialog(GatewayChooser* chooser, QWidget* parent)
    : QDialog(parent)
    , m_chooser(chooser)
    , m_url(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Gateway"));
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("http://host:5851/"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("optional; host:port by default"));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextFormat(Qt::PlainText); // errors quote what the server sent
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Check and Add"));

    auto* form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Name:"), m_name);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &GatewayAddDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GatewayAddDialog::reject);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

void GatewayAddDialog::edit(const GatewayDirectory::Entry& entry)
{
    setWindowTitle(tr("Edit Gateway"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Check and Save"));
    m_editing = entry.url;
    m_editedOrigin = entry.origin;
    m_url->setText(entry.url.toString());
    m_name->setText(entry.name == entry.url.authority() ? QString() : entry.name);
}

void GatewayAddDialog::accept()
{
    if (isChecking())
        return;
    const auto url = GatewayCheck::parseUrl(m_url->text());
    if (!url) {
        showStatus(tr("\"%1\" is not an http URL such as http://host:5851/").arg(m_url->text()));
        return;
    }
    if (*url != m_editing && m_chooser->directory()->find(*url)) {
        showStatus(tr("%1 is in the list already.").arg(url->toString()));
        return;
    }
    showStatus(tr("Checking %1…").arg(url->toString()));
    m_check = m_chooser->check(*url, this);
    connect(m_check, &GatewayCheck::finished, this, &GatewayAddDialog::onChecked);
    setChecking(true);
}

void GatewayAddDialog::reject()
{
    delete m_check.data(); // the check stops with it
    QDialog::reject();
}

void GatewayAddDialog::onChecked()
{
    GatewayCheck* check = m_check.data();
    m_check.clear();
    check->deleteLater();
    setChecking(false);
    if (!check->ok()) {
        showStatus(tr("Not added: %1").arg(check->errorString()));
        return;
    }
    const QUrl url = check->url();
    const QString name = m_name->text().trimmed();
    // An edited gateway keeps its origin, unless discovered: then it is the user's now.
    const auto origin = m_editing.isEmpty() || m_editedOrigin == GatewayDirectory::Origin::Discovered
                            ? GatewayDirectory::Origin::User
                            : m_editedOrigin;
    const GatewayDirectory::Entry entry{url, name.isEmpty() ? url.authority() : name, check->kind(), origin};
    if (!m_editing.isEmpty() && !m_chooser->directory()->replace(m_editing, entry)) {
        showStatus(tr("Not saved: %1 is no longer in the list, or %2 is already.")
                       .arg(m_editing.toString(), url.toString()));
        return;
    }
    if (m_editing.isEmpty())
        m_chooser->directory()->add(entry);
    const QString kind = GatewayBackend::kindName(*check->kind());
    const QString message = m_editing.isEmpty() ? tr("Added %1: a %2 gateway.").arg(url.toString(), kind)
                                                : tr("Saved %1: a %2 gateway.").arg(url.toString(), kind);
    showStatus(message);
    emit added(url, message);
    QDialog::accept();
}

// A refusal can be several lines: the dialog grows to show it whole rather than clip it.
void GatewayAddDialog::showStatus(const QString& text)
{
    m_status->setText(text);
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

void GatewayAddDialog::setChecking(bool checking)
{
    m_url->setReadOnly(checking);
    m_name->setReadOnly(checking);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!checking);
}
