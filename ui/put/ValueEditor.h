#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTextDocument;

// The value of a put, typed or loaded from a file. Typed text becomes its UTF-8 bytes. A file
// whose bytes the editor can show and give back unchanged is loaded into the editor (undoable);
// any other file (not UTF-8, control characters, CR line ends...) is held as its exact bytes and
// shown as a read-only notice, with a button to go back to the text typed before.
class ValueEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ValueEditor(QWidget* parent = nullptr);

    QByteArray value() const;
    bool holdsFileBytes() const { return m_holdsFile; }
    QPlainTextEdit* textEdit() const { return m_edit; }
    QLabel* fileNotice() const { return m_notice; }
    QPushButton* typeInsteadButton() const { return m_back; }

    // Loads the file unless it is unreadable or over maxBytes; message says what happened either
    // way (the size in bytes when refused). A refused file leaves the value as it was.
    bool loadFile(const QString& path, int maxBytes, QString* message);
    // Drops bytes held from a file and shows the editor again, with its text as it was.
    void typeInstead();

    // The text of a plain-text document as the user sees it: Shift+Enter's line separator and the
    // paragraph separators are newlines, and no-break spaces stay (toPlainText would change them).
    static QString plainTextOf(const QTextDocument* document);

signals:
    void valueChanged();

private:
    void holdBytes(const QByteArray& bytes, const QString& notice);
    void setEditorText(const QString& text);

    QStackedWidget* m_stack;
    QPlainTextEdit* m_edit;
    QLabel* m_notice;
    QPushButton* m_back;
    QByteArray m_fileBytes;
    bool m_holdsFile = false;
};
