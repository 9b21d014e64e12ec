#pragma once

#include "core/archive/ArchiveImport.h"
#include "core/archive/ValueArchive.h"

#include <QObject>
#include <QPointer>

class KeyTab;
class MainWindow;
class QAction;
class QMenu;
class QProgressDialog;

// File > Export Values and Import Values: the values of the current tab's key written to a file
// (JSON lines or CSV, see ValueArchive), and such a file put under the current tab's key (not
// the key named in the file: that lets a user copy a key's values to another key), with a
// progress dialog that cancels, and a summary of what was refused and why.
class ValuesTransfer : public QObject
{
    Q_OBJECT
public:
    explicit ValuesTransfer(MainWindow* window);

    void addActions(QMenu* menu);
    QAction* exportAction() const { return m_exportAction; }
    QAction* importAction() const { return m_importAction; }

    // Writes every value of the tab's table; false with *error when the file cannot be written.
    static bool exportTo(const KeyTab* tab, const QString& path, ValueArchive::Format format, QString* error);
    // Starts putting the file's values under the tab's key; false when the file cannot be read
    // or there is no gateway (message() says why), else importFinished() follows.
    bool startImport(KeyTab* tab, const QString& path);
    ArchiveImport* currentImport() const { return m_import; }
    QString lastSummary() const { return m_summary; }
    QString lastDetails() const { return m_details; }

    static ValueArchive::Format formatOf(const QString& path);

signals:
    void importFinished(const QString& summary);

private:
    void exportWithDialog();
    void importWithDialog();
    void onImportFinished();
    void showProgress(qint64 done, qint64 total, int stored);
    void tell(const QString& text);
    QString summaryOf(const ArchiveImport& import) const;
    QString detailsOf(const ArchiveImport& import) const;
    QString directory() const;
    void rememberDirectory(const QString& path);

    MainWindow* m_window;
    QAction* m_exportAction;
    QAction* m_importAction;
    QPointer<ArchiveImport> m_import;
    QPointer<KeyTab> m_importTab;
    QString m_importKey; // the tab's title, for the summary after the tab closed
    QPointer<QProgressDialog> m_progress;
    QString m_summary;
    QString m_details;
};
