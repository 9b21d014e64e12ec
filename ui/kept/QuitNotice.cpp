#include "QuitNotice.h"

#include "core/kept/KeptPutKeeper.h"
#include "core/kept/KeptPutText.h"

#include <QCloseEvent>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

QuitNotice::QuitNotice(KeptPutKeeper* keeper, QWidget* window)
    : QObject(window)
    , m_keeper(keeper)
    , m_window(window)
{
}

bool QuitNotice::allowClose(QCloseEvent* event)
{
    const auto earliest = m_keeper->earliestEarlyEnd();
    if (m_confirmed || !earliest)
        return true;
    event->ignore();
    if (m_showing)
        return false; // asked already: the box is open
    m_showing = true;
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Quit"),
        tr("The browser keeps %n put(s) alive through proxies. If it does not run again before %1, the "
           "first of them leaves the DHT before its TTL ends.",
           "", int(m_keeper->puts().size()))
            .arg(KeptPutText::when(*earliest)),
        QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("quitNotice"));
    box->setInformativeText(tr("File > Kept Puts lists them with what each needs."));
    QPushButton* quit = box->addButton(tr("&Quit Anyway"), QMessageBox::AcceptRole);
    box->addButton(tr("&Keep Running"), QMessageBox::RejectRole);
    box->setDefaultButton(quit);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, quit] {
        m_showing = false;
        if (box->clickedButton() != quit)
            return;
        m_confirmed = true;
        // Queued: the box finishes closing first, then the window closes for good.
        QMetaObject::invokeMethod(m_window, &QWidget::close, Qt::QueuedConnection);
    });
    box->open();
    return false;
}
