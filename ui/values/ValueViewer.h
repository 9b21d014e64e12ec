#pragma once

#include <backend/GatewayBackend.h>
#include <classic/ClassicKey.h>
#include <classic/ClassicTypes.h>

#include <QUrl>
#include <QWidget>

class ImageLabel;
class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

// The selected value in detail, read-only: as text, hex, indented JSON or an image, chosen
// by hand or automatically; the choice is remembered (QSettings "viewer/mode"). Copies the
// value as text, hex, base64 or an opendht-cli command, and saves its exact bytes to a file.
class ValueViewer : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        Auto, // an image if it decodes, else JSON if it parses, else text if it is text, else hex
        Text,
        Hex,
        Json,
        Image
    };
    Q_ENUM(Mode)
    enum class Format
    {
        Text,
        Hex,
        Base64,
        Command // an opendht-cli command that puts the value again (see setContext)
    };
    Q_ENUM(Format)
    using CopyFormat = Format;

    explicit ValueViewer(QWidget* parent = nullptr);

    void setValue(const ClassicValue& value);
    void clear();
    bool hasValue() const { return m_hasValue; }
    const ClassicValue& value() const { return m_value; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Where the value lives, for the command that puts it again.
    void setContext(const ClassicKey& key, const QUrl& gateway, GatewayKind kind);

    // What copyAs(format) puts on the clipboard.
    QString copyText(Format format) const;
    QAction* copyAction(Format format) const;
    QAction* saveAction() const { return m_saveAction; }

    // For tests: what the text view shows (text, hex or JSON; empty when it is hidden), whether
    // an image is shown, and the line above the view (what is shown, or why not).
    QString shownText() const;
    bool showsImage() const;
    QString statusText() const;

    static QString modeName(Mode mode); // "auto", "text", ... as stored in the settings

public slots:
    void copyAs(ValueViewer::Format format);
    // Writes the value's exact bytes; false (and a message() saying why) when it cannot.
    bool saveToFile(const QString& path);
    // Asks where, then saveToFile().
    void saveWithDialog();

signals:
    // A sentence for the status bar, e.g. "Copied 12 bytes as hex".
    void message(const QString& text);

private:
    void buildToolBar(QWidget* bar);
    void render();
    void updateActions();
    QString showBytes(QString* note);
    void showText(const QString& text, bool monospace, bool wrap);
    // Text when the bytes are text, else hex; returns what it was shown as.
    QString showTextOrHex();
    QString suggestedFileName() const;

    ClassicValue m_value;
    bool m_hasValue = false;
    Mode m_mode = Mode::Auto;
    ClassicKey m_key;
    QUrl m_gateway;
    GatewayKind m_kind = GatewayKind::Classic;

    QComboBox* m_modeBox = nullptr;
    QToolButton* m_copyButton = nullptr;
    QToolButton* m_saveButton = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QPlainTextEdit* m_text = nullptr;
    ImageLabel* m_image = nullptr;
    QList<QAction*> m_copyActions;
    QAction* m_saveAction = nullptr;
};
