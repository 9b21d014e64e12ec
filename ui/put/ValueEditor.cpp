#include "ValueEditor.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

#include <optional>

namespace {

bool isUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString ignored = decoder(bytes);
    return !decoder.hasError();
}

// The text a file's bytes show as in the editor, when the editor gives back exactly these bytes
// and every character is visible there; nothing otherwise (those files are held as bytes).
std::optional<QString> editableText(const QByteArray& bytes)
{
    if (!isUtf8(bytes))
        return std::nullopt;
    const QString text = QString::fromUtf8(bytes);
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t')
            return std::nullopt;
    }
    QTextDocument scratch; // the editor's own conversions (CR, separators) decide
    scratch.setPlainText(text);
    if (ValueEditor::plainTextOf(&scratch).toUtf8() != bytes)
        return std::nullopt;
    return text;
}

} // namespace

ValueEditor::ValueEditor(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_edit(new QPlainTextEdit(this))
    , m_notice(new QLabel(this))
    , m_back(new QPushButton(tr("T&ype a value instead"), this))
{
    // QPlainTextEdit pastes only the text of the clipboard, never its HTML.
    m_edit->setPlaceholderText(tr("Type the value, or load it from a file"));
    m_edit->setAccessibleName(tr("Value"));
    m_edit->setTabChangesFocus(true); // Tab leaves the field; a tab character can still be pasted

    m_notice->setTextFormat(Qt::PlainText); // a file name is anyone's text
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_back->setToolTip(tr("Forget the file's bytes and go back to the text typed before"));
    auto* filePage = new QWidget(this);
    auto* fileLayout = new QVBoxLayout(filePage);
    fileLayout->addWidget(m_notice);
    fileLayout->addWidget(m_back, 0, Qt::AlignLeft);
    fileLayout->addStretch();

    m_stack->addWidget(m_edit);
    m_stack->addWidget(filePage);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setFocusProxy(m_edit);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_holdsFile)
            emit valueChanged();
    });
    connect(m_back, &QPushButton::clicked, this, &ValueEditor::typeInstead);
}

QByteArray ValueEditor::value() const
{
    return m_holdsFile ? m_fileBytes : plainTextOf(m_edit->document()).toUtf8();
}

QString ValueEditor::plainTextOf(const QTextDocument* document)
{
    QString text = document->toRawText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    text.replace(QChar::LineSeparator, u'\n');
    return text;
}

bool ValueEditor::loadFile(const QString& path, int maxBytes, QString* message)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *message = tr("Cannot read %1: %2").arg(name, file.errorString());
        return false;
    }
    // Read one byte more than fits: enough to know, and safe on a huge or endless file.
    const QByteArray bytes = file.read(qint64(maxBytes) + 1);
    if (bytes.size() > maxBytes) {
        // One multi-argument arg() each: a file name may itself contain "%2".
        const qint64 size = file.size();
        *message = size > maxBytes
                       ? tr("%1 is %2 bytes; at most %3 fit in a value. The value was not changed.")
                             .arg(name, QString::number(size), QString::number(maxBytes))
                       : tr("%1 is more than %2 bytes; at most %2 fit in a value. The value was "
                            "not changed.")
                             .arg(name, QString::number(maxBytes));
        return false;
    }
    if (file.error() != QFileDevice::NoError) {
        *message = tr("Cannot read %1: %2").arg(name, file.errorString());
        return false;
    }
    if (const std::optional<QString> text = editableText(bytes)) {
        setEditorText(*text);
        *message = tr("Loaded %1 (%n byte(s)) into the editor.", nullptr, int(bytes.size())).arg(name);
        return true;
    }
    const QString notice =
        isUtf8(bytes) ? tr("file %1, %2 bytes, kept as exact bytes (its line ends or control characters "
                           "would change in the editor)")
                            .arg(name, QString::number(bytes.size()))
                      : tr("binary file %1, %n byte(s)", nullptr, int(bytes.size())).arg(name);
    holdBytes(bytes, notice);
    *message = tr("The value is the %n byte(s) of %1.", nullptr, int(bytes.size())).arg(name);
    return true;
}

void ValueEditor::typeInstead()
{
    if (!m_holdsFile)
        return;
    m_holdsFile = false;
    m_fileBytes.clear();
    m_stack->setCurrentWidget(m_edit);
    m_edit->setFocus();
    emit valueChanged();
}

void ValueEditor::holdBytes(const QByteArray& bytes, const QString& notice)
{
    const bool hadFocus = m_edit->hasFocus();
    m_fileBytes = bytes;
    m_holdsFile = true;
    m_notice->setText(notice);
    m_stack->setCurrentIndex(1);
    if (hadFocus)
        m_back->setFocus();
    emit valueChanged();
}

void ValueEditor::setEditorText(const QString& text)
{
    m_holdsFile = false;
    m_fileBytes.clear();
    m_stack->setCurrentWidget(m_edit);
    // Through a cursor rather than setPlainText, so that Undo brings back what was typed before.
    QTextCursor cursor(m_edit->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    emit valueChanged(); // also when the text was already the same
}
