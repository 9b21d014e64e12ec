#pragma once

#include "core/backend/GatewayBackend.h"
#include "core/dht/DhtKey.h"
#include "core/dht/DhtValue.h"
#include "core/dht/GatewayError.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class DecodeView;
class ImageLabel;
class QAbstractItemModel;
class QAction;
class QItemSelectionModel;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QStackedWidget;
class ValueDecoder;
class ValueDetails;
class ValueFind;
class QToolButton;

// The selected value in detail, read-only: as text, hex, indented JSON, an image or decoded
// (core/decode: msgpack, certificates, Jami's and Ham-DHT's values, as a tree of plain text),
// chosen by hand or automatically, with every field of the value below it (ValueDetails). An
// encrypted value shows its ciphertext in hex, saying for whom it was encrypted. The choice is remembered per
// kind of content (QSettings "viewer/mode/<kind>": image, json, text, binary), so that picking Text for one
// text value never makes a PNG show as text; a choice made with no value shown is for every kind
// ("viewer/mode"). Copies the value as text, hex, base64 or an opendht-cli command, and saves
// its exact bytes to a file. Clears itself when the table it follows loses its value.
class ValueViewer : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        Auto, // an image if it decodes, else a decoder that matches well, else JSON if it parses,
              // else text if it is text, else hex
        Text,
        Hex,
        Json,
        Image,
        Decoder // the decoder decoderId(), chosen by hand
    };
    Q_ENUM(Mode)
    // What the bytes are, for the remembered mode: by their magic bytes, then by parsing.
    enum class Kind
    {
        Image,
        Json,
        Text,
        Binary
    };
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

    void setValue(const DhtValue& value);
    void clear();
    bool hasValue() const { return m_hasValue; }
    const DhtValue& value() const { return m_value; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Decodes with that decoder (a DecoderRegistry id), remembered as a mode is.
    void setDecoder(const QString& id);
    // The decoder chosen by hand (Mode::Decoder), or the one Auto picked for the value shown.
    QString decoderId() const { return m_decoderId; }
    // Clears the viewer once model (a ValuesModel) no longer holds the value shown: after a
    // fetch again, a removal or an expiry.
    void followModel(const QAbstractItemModel* model);
    // With more than one row selected there, the copy actions copy them all, one a line.
    void followSelection(const QItemSelectionModel* selection);
    // Where the value lives, for the command that puts it again.
    void setContext(const DhtKey& key, const QUrl& gateway, GatewayKind kind);

    // What copyAs(format) puts on the clipboard.
    QString copyText(Format format) const;
    QAction* copyAction(Format format) const;
    QAction* saveAction() const { return m_saveAction; }

    // For tests: what the text view shows (text, hex or JSON; empty when it is hidden), whether
    // an image is shown, and the line above the view (what is shown, or why not).
    QString shownText() const;
    bool showsImage() const;
    bool showsDecoded() const;
    DecodeView* decodeView() const { return m_decoded; }
    ValueDetails* details() const { return m_details; }
    QString statusText() const;
    ImageLabel* imageLabel() const { return m_image; }
    ValueFind* finder() const { return m_find; }
    QPlainTextEdit* textView() const { return m_text; }
    // Bytes per line of the hex view: 16 when a line of 16 fits the view's width, else 8, so
    // the ASCII column is never cut off.
    int hexBytesPerLine() const { return m_hexPerLine; }

    static QString modeName(Mode mode); // "auto", "text", ... as stored in the settings ("decoder:<id>")
    static Kind kindOf(const QByteArray& bytes);
    static QString kindName(Kind kind); // "image", "json", "text", "binary"

public slots:
    void copyAs(ValueViewer::Format format);
    // Writes the value's exact bytes; false (and a message() saying why) when it cannot.
    bool saveToFile(const QString& path);
    // Asks where, then saveToFile().
    void saveWithDialog();

signals:
    // A sentence for the status bar, e.g. "Copied 12 bytes as hex".
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildToolBar(QWidget* bar);
    QWidget* buildZoomBar();
    void showHex();
    // The bytes shown: the data, or the ciphertext of an encrypted value.
    const QByteArray& shownBytes() const;
    void applyMode(Mode mode, const QString& decoderId);
    void selectModeInBox();
    QString storedName() const;
    bool showDecoded(const ValueDecoder* decoder, QString* shownAs, QString* note);
    QString statusLine(const QString& shownAs) const;
    int fittingHexBytesPerLine() const;
    void updateZoomText();
    void render();
    void updateActions();
    QString showBytes(QString* note);
    void showText(const QString& text, bool monospace, bool wrap);
    // Text when the bytes are text, else hex; returns what it was shown as.
    QString showTextOrHex();
    QString suggestedFileName() const;
    void restoreMode(Kind kind);
    void dropIfGone();
    void followUpdate(const QModelIndex& topLeft, const QModelIndex& bottomRight);

    DhtValue m_value;
    bool m_hasValue = false;
    Mode m_mode = Mode::Auto;
    QString m_decoderId;
    DhtKey m_key;
    QUrl m_gateway;
    GatewayKind m_kind = GatewayKind::Classic;
    const QAbstractItemModel* m_model = nullptr;
    QPointer<const QItemSelectionModel> m_selection;

    QComboBox* m_modeBox = nullptr;
    QToolButton* m_copyButton = nullptr;
    QToolButton* m_saveButton = nullptr;
    QLabel* m_status = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QPlainTextEdit* m_text = nullptr;
    ImageLabel* m_image = nullptr;
    DecodeView* m_decoded = nullptr;
    ValueDetails* m_details = nullptr;
    QScrollArea* m_imageScroll = nullptr;
    QWidget* m_zoomBar = nullptr;
    QLabel* m_zoomText = nullptr;
    ValueFind* m_find = nullptr;
    bool m_hexShown = false;
    int m_hexPerLine = 16;
    QList<QAction*> m_copyActions;
    QAction* m_saveAction = nullptr;
};
