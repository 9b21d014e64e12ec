#include "ValuesTransfer.h"

#include "KeyTab.h"
#include "MainWindow.h"
#include "core/local/ActiveGateway.h"

#include "core/archive/ArchiveImport.h"
#include "core/util/Duration.h"
#include "ui/common/BrowserSettings.h"
#include "ui/values/ValuesModel.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMap>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>

namespace {

// Refusals listed one by one in the summary's details; the rest are counted.
constexpr int listedRefusals = 200;

QString jsonFilter()
{
    return ValuesTransfer::tr("JSON lines (*.jsonl *.json)");
}

QString csvFilter()
{
    return ValuesTransfer::tr("CSV (*.csv)");
}

} // namespace

ValuesTransfer::ValuesTransfer(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_exportAction(new QAction(tr("&Export Values…"), this))
    , m_importAction(new QAction(tr("&Import Values…"), this))
{
    m_exportAction->setObjectName(QStringLiteral("exportValuesAction"));
    m_exportAction->setToolTip(tr("Write every value of this key to a file (JSON lines or CSV)"));
    m_importAction->setObjectName(QStringLiteral("importValuesAction"));
    m_importAction->setToolTip(tr("Put the values of an exported file under this key, each for what is "
                                  "left of its TTL"));
    connect(m_exportAction, &QAction::triggered, this, &ValuesTransfer::exportWithDialog);
    connect(m_importAction, &QAction::triggered, this, &ValuesTransfer::importWithDialog);
}

void ValuesTransfer::addActions(QMenu* menu)
{
    menu->addSeparator();
    menu->addActions({m_exportAction, m_importAction});
    // Greyed without a tab, or while an import runs; checked as the menu opens.
    connect(menu, &QMenu::aboutToShow, this, [this] {
        const bool tab = m_window->currentTab() != nullptr;
        m_exportAction->setEnabled(tab);
        m_importAction->setEnabled(tab && !m_import);
    });
}

ValueArchive::Format ValuesTransfer::formatOf(const QString& path)
{
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? ValueArchive::Format::Csv
                                                                     : ValueArchive::Format::JsonLines;
}

bool ValuesTransfer::exportTo(const KeyTab* tab, const QString& path, ValueArchive::Format format,
                              QString* error)
{
    const ValuesModel* model = tab->model();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray bytes = ValueArchive::header(format);
    for (int row = 0; row < model->count(); ++row) {
        ValueArchive::Record record{model->valueAt(row), model->expiresAt(row)};
        if (record.endsAt.isValid()) // the TTL left as of now, not as of the last tick
            record.value.ttlLeft = int(std::max<qint64>(0, now.secsTo(record.endsAt)));
        bytes += ValueArchive::record(format, tab->key(), record);
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    *error = file.errorString();
    return false;
}

void ValuesTransfer::exportWithDialog()
{
    KeyTab* tab = m_window->currentTab();
    if (!tab)
        return;
    QString filter = jsonFilter();
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export Values"), QDir(directory()).filePath(QStringLiteral("values.jsonl")),
        jsonFilter() + QStringLiteral(";;") + csvFilter(), &filter);
    if (path.isEmpty() || !tab || m_window->currentTab() != tab)
        return; // the tab closed while the dialog was open
    rememberDirectory(path);
    const ValueArchive::Format format = filter == csvFilter() ? ValueArchive::Format::Csv : formatOf(path);
    QString error;
    const QString where = QDir::toNativeSeparators(path);
    if (exportTo(tab, path, format, &error))
        tell(tr("Exported %n value(s) of %1 to %2", nullptr, tab->model()->count()).arg(tab->title(), where));
    else
        tell(tr("Could not export to %1: %2").arg(where, error));
}

void ValuesTransfer::importWithDialog()
{
    KeyTab* tab = m_window->currentTab();
    if (!tab || m_import)
        return;
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import Values under %1").arg(tab->title()), directory(),
        jsonFilter() + QStringLiteral(";;") + csvFilter() + QStringLiteral(";;") + tr("All files (*)"));
    if (path.isEmpty() || m_window->currentTab() != tab)
        return;
    rememberDirectory(path);
    startImport(tab, path);
}

bool ValuesTransfer::startImport(KeyTab* tab, const QString& path)
{
    GatewayBackend* backend = m_window->activeGateway()->backend();
    if (m_import)
        return false;
    if (!backend) {
        tell(tr("No gateway to put to yet: nothing was imported."));
        return false;
    }
    auto* import = new ArchiveImport(backend, tab->key(), this);
    QString error;
    if (!import->start(path, &error)) {
        tell(tr("Could not read %1: %2").arg(QDir::toNativeSeparators(path), error));
        delete import;
        return false;
    }
    m_import = import;
    m_importTab = tab;
    m_importKey = tab->title();
    connect(import, &ArchiveImport::progress, this, &ValuesTransfer::showProgress);
    connect(import, &ArchiveImport::finished, this, &ValuesTransfer::onImportFinished);

    m_progress =
        new QProgressDialog(tr("Putting values under %1…").arg(m_importKey), tr("Cancel"), 0, 1000, m_window);
    m_progress->setWindowTitle(tr("Import Values"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    // Not modal: other tabs stay usable; it shows itself if the import takes a while.
    connect(m_progress, &QProgressDialog::canceled, import, &ArchiveImport::cancel);
    return true;
}

void ValuesTransfer::showProgress(qint64 done, qint64 total, int stored)
{
    if (!m_progress)
        return;
    m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    m_progress->setLabelText(tr("Putting values under %1: %n stored", nullptr, stored).arg(m_importKey));
}

void ValuesTransfer::onImportFinished()
{
    ArchiveImport* import = m_import;
    m_import = nullptr;
    if (m_progress) {
        m_progress->disconnect(import); // closing it says canceled()
        m_progress->close();
    }
    m_summary = summaryOf(*import);
    m_details = detailsOf(*import);
    import->deleteLater();
    if (m_importTab)
        m_importTab->fetch(); // shows what the gateway has now
    tell(m_summary.section(u'\n', 0, 0));

    auto* box =
        new QMessageBox(QMessageBox::Information, tr("Import Values"), m_summary, QMessageBox::Ok, m_window);
    box->setTextFormat(Qt::PlainText); // reasons quote the file and the gateway
    box->setDetailedText(m_details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("importSummary"));
    box->open();
    emit importFinished(m_summary);
}

QString ValuesTransfer::summaryOf(const ArchiveImport& import) const
{
    if (!import.fileError().isEmpty())
        return tr("Nothing was imported: %1").arg(import.fileError());
    QStringList lines{
        import.wasCancelled()
            ? tr("Import cancelled: %n value(s) stored under %1 before that.", nullptr, import.stored())
                  .arg(m_importKey)
            : tr("Imported %n value(s) under %1.", nullptr, import.stored()).arg(m_importKey)};
    QMap<ArchiveImport::Reason, int> counts;
    for (const ArchiveImport::Refusal& refusal : import.refusals())
        ++counts[refusal.reason];
    if (!import.refusals().isEmpty())
        lines << tr("%n refused:", nullptr, int(import.refusals().size()));
    const int bad = counts.value(ArchiveImport::Reason::BadLine);
    const int tooLong = counts.value(ArchiveImport::Reason::TooLong);
    const int expired = counts.value(ArchiveImport::Reason::Expired);
    const int gateway = counts.value(ArchiveImport::Reason::Gateway);
    if (bad > 0)
        lines << tr("  %n line(s) that are not a value's record", nullptr, bad);
    if (tooLong > 0)
        lines << tr("  %n value(s) longer than a classic gateway takes", nullptr, tooLong);
    if (expired > 0)
        lines << tr("  %n value(s) whose TTL was already over", nullptr, expired);
    if (gateway > 0)
        lines << tr("  %n put(s) the gateway refused", nullptr, gateway);
    if (import.fromOtherKeys() > 0)
        lines << tr("%n value(s) came from another key in the file: they were put under this one.", nullptr,
                    import.fromOtherKeys());
    if (import.withDefaultTtl() > 0)
        lines << tr("%n value(s) had no TTL in the file: put for %1.", nullptr, import.withDefaultTtl())
                     .arg(Duration::format(ArchiveImport::defaultTtlSeconds));
    if (import.withoutSecret() > 0)
        lines << tr(
            "%n value(s) had a secret: they were put without one (a file holds only its hash), so they "
            "cannot be removed.",
            nullptr, import.withoutSecret());
    return lines.join(u'\n');
}

QString ValuesTransfer::detailsOf(const ArchiveImport& import) const
{
    QStringList lines;
    const QList<ArchiveImport::Refusal>& refusals = import.refusals();
    for (int i = 0; i < refusals.size() && i < listedRefusals; ++i)
        lines << (refusals[i].line > 0 ? tr("Line %1: %2").arg(refusals[i].line).arg(refusals[i].text)
                                       : refusals[i].text);
    if (refusals.size() > listedRefusals)
        lines << tr("… and %n more", nullptr, int(refusals.size()) - listedRefusals);
    return lines.join(u'\n');
}

void ValuesTransfer::tell(const QString& text)
{
    // The tab's message goes to the window's status bar, as the tab's own messages do.
    if (KeyTab* tab = m_window->currentTab())
        emit tab->message(text);
}

QString ValuesTransfer::directory() const
{
    return browserSettings().value(Settings::Key::TransferDirectory).toString();
}

void ValuesTransfer::rememberDirectory(const QString& path)
{
    browserSettings().setValue(Settings::Key::TransferDirectory, QFileInfo(path).absolutePath());
}
