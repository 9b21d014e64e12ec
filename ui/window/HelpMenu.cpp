#include "HelpMenu.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return text.replace(QStringLiteral("&&"), QStringLiteral("&")).remove(QStringLiteral("…"));
}

void collect(const QMenu* menu, const QString& path, QList<QPair<QString, QString>>* out)
{
    for (const QAction* action : menu->actions()) {
        const QString here = path + QStringLiteral(" > ") + withoutMnemonic(action->text());
        if (action->menu())
            collect(action->menu(), here, out);
        else if (!action->shortcut().isEmpty())
            *out << qMakePair(here, action->shortcut().toString(QKeySequence::NativeText));
    }
}

} // namespace

QUrl HelpMenu::readmeUrl()
{
    return QUrl(QStringLiteral("https://github.com/opendhtbrowser/opendht-browser#readme"));
}

HelpMenu::HelpMenu(QMainWindow* window)
    : QMenu(tr("&Help"), window)
    , m_window(window)
{
    m_shortcuts = addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts);
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    addAction(tr("&README (on the web)"), this, [] { QDesktopServices::openUrl(readmeUrl()); });
    addSeparator();
    m_about = addAction(tr("&About OpenDHT Browser"), this, &HelpMenu::showAbout);
    m_about->setMenuRole(QAction::AboutRole);
}

QList<QPair<QString, QString>> HelpMenu::shortcuts(const QMainWindow* window)
{
    QList<QPair<QString, QString>> out;
    for (const QAction* action : window->menuBar()->actions()) {
        if (action->menu())
            collect(action->menu(), withoutMnemonic(action->text()), &out);
    }
    return out;
}

void HelpMenu::showShortcuts()
{
    const auto list = shortcuts(m_window);
    auto* dialog = new QDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setWindowTitle(tr("Keyboard Shortcuts"));
    auto* table = new QTableWidget(int(list.size()), 2, dialog);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (int row = 0; row < list.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(list[row].first));
        table->setItem(row, 1, new QTableWidgetItem(list[row].second));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(520, 420);
    dialog->show();
}

void HelpMenu::showAbout()
{
    auto* box =
        new QMessageBox(QMessageBox::Information, tr("About OpenDHT Browser"),
                        tr("OpenDHT Browser %1\n\nQt %2 (built with %3)\nlibopendht %4 (the engine of "
                           "opendht-gateway, the local gateway)\n\nBrowse, put and watch the values of "
                           "an OpenDHT distributed hash table through gateways.")
                            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                 QStringLiteral(QT_VERSION_STR), QStringLiteral(ODB_OPENDHT_VERSION)),
                        QMessageBox::Close, m_window);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->show();
}
