#include "ValueViewer.h"

#include "DecodeView.h"
#include "ImageLabel.h"
#include "SelectionCopy.h"
#include "ValueDetails.h"
#include "ValueFields.h"
#include "ValueFind.h"
#include "ValueFormat.h"
#include "ValueImage.h"
#include "ValuesModel.h"
#include "VisibleText.h"

#include "core/decode/DecoderRegistry.h"
#include "ui/common/BrowserSettings.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

constexpr int decoderIdRole = Qt::UserRole + 1; // of the mode box's decoder items
using Key = Settings::Key;
const QString decoderPrefix = QStringLiteral("decoder:");

// The decoder id of a stored "decoder:<id>", when such a decoder exists.
QString decoderOfName(const QString& name)
{
    const QString id = name.startsWith(decoderPrefix) ? name.mid(decoderPrefix.size()) : QString();
    return DecoderRegistry::instance().byId(id) ? id : QString();
}

ValueViewer::Mode modeFromName(const QString& name)
{
    if (!decoderOfName(name).isEmpty())
        return ValueViewer::Mode::Decoder;
    for (auto mode : {ValueViewer::Mode::Text, ValueViewer::Mode::Hex, ValueViewer::Mode::Json,
                      ValueViewer::Mode::Image}) {
        if (ValueViewer::modeName(mode) == name)
            return mode;
    }
    return ValueViewer::Mode::Auto;
}

} // namespace

ValueViewer::ValueViewer(QWidget* parent)
    : QWidget(parent)
    , m_mode(modeFromName(browserSettings().value(Key::ViewerMode).toString())) // until a value is shown
    , m_decoderId(decoderOfName(browserSettings().value(Key::ViewerMode).toString()))
{
    auto* bar = new QWidget(this);
    buildToolBar(bar);

    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText); // it can quote a decoder's words about the value
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_placeholder = new QLabel(tr("Select a value to see it here."), this);
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false); // greyed by the palette, as an empty state

    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    m_text->setAccessibleName(tr("Value"));

    m_text->viewport()->installEventFilter(this); // its width decides the hex view's lines
    m_find = new ValueFind(m_text, this);

    m_image = new ImageLabel(this);
    m_image->setAccessibleName(tr("Value as an image"));
    m_imageScroll = new QScrollArea(this);
    m_imageScroll->setWidget(m_image);
    m_imageScroll->setWidgetResizable(true);
    m_imageScroll->setAlignment(Qt::AlignCenter);
    m_zoomBar = buildZoomBar();

    m_decoded = new DecodeView(this);
    m_details = new ValueDetails(this);
    connect(m_details, &ValueDetails::message, this, &ValueViewer::message);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_imageScroll);
    m_stack->addWidget(m_decoded);
    // The value above, every field of it below: both stay in sight, the user sets the share.
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_stack);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_find);
    layout->addWidget(m_zoomBar);
    layout->addWidget(split, 1);
    clear();
}

QWidget* ValueViewer::buildZoomBar()
{
    auto* bar = new QWidget(this);
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto addButton = [&](const QString& text, const QString& tip, auto slot, QKeySequence key) {
        auto* action = new QAction(text, this);
        action->setToolTip(tip);
        if (!key.isEmpty()) {
            action->setShortcut(key);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            addAction(action);
        }
        connect(action, &QAction::triggered, m_image, slot);
        auto* button = new QToolButton(bar);
        button->setDefaultAction(action);
        layout->addWidget(button);
    };
    addButton(tr("Fit"), tr("Scale the image to fit"), &ImageLabel::fit, {});
    addButton(tr("100 %"), tr("Show the image at its own size"), [this] { m_image->setScale(1); }, {});
    addButton(tr("−"), tr("Zoom out (Ctrl+−, Ctrl+wheel)"), &ImageLabel::zoomOut, QKeySequence::ZoomOut);
    addButton(tr("+"), tr("Zoom in (Ctrl++, Ctrl+wheel)"), &ImageLabel::zoomIn, QKeySequence::ZoomIn);
    m_zoomText = new QLabel(bar);
    m_zoomText->setTextFormat(Qt::PlainText);
    layout->addWidget(m_zoomText);
    layout->addStretch(1);
    connect(m_image, &ImageLabel::scaleChanged, this, &ValueViewer::updateZoomText);
    return bar;
}

void ValueViewer::updateZoomText()
{
    const int percent = int(std::lround(m_image->shownScale() * 100));
    m_zoomText->setText(m_image->fits() ? tr("fit (%1 %)").arg(percent) : tr("%1 %").arg(percent));
}

bool ValueViewer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_text->viewport() && event->type() == QEvent::Resize && m_hexShown &&
        fittingHexBytesPerLine() != m_hexPerLine)
        showHex();
    return QWidget::eventFilter(watched, event);
}

int ValueViewer::fittingHexBytesPerLine() const
{
    if (!isVisible())
        return 16; // its width is not known yet; the first resize decides
    const QFontMetrics metrics(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QString line16 = ValueFormat::hexDump(QByteArray(16, 'x'), 16).section(u'\n', 0, 0);
    const int room = m_text->viewport()->width() - 2 * int(m_text->document()->documentMargin());
    return metrics.horizontalAdvance(line16) <= room ? 16 : 8;
}

void ValueViewer::showHex()
{
    m_hexPerLine = fittingHexBytesPerLine();
    showText(ValueFormat::hexDump(shownBytes(), m_hexPerLine), true, false);
    m_hexShown = true;
}

void ValueViewer::buildToolBar(QWidget* bar)
{
    m_modeBox = new QComboBox(bar);
    m_modeBox->addItem(tr("Auto"), int(Mode::Auto));
    m_modeBox->addItem(tr("Text"), int(Mode::Text));
    m_modeBox->addItem(tr("Hex"), int(Mode::Hex));
    m_modeBox->addItem(tr("JSON"), int(Mode::Json));
    m_modeBox->addItem(tr("Image"), int(Mode::Image));
    m_modeBox->insertSeparator(m_modeBox->count());
    for (const ValueDecoder* decoder : DecoderRegistry::instance().decoders()) {
        m_modeBox->addItem(decoder->name(), int(Mode::Decoder));
        m_modeBox->setItemData(m_modeBox->count() - 1, decoder->id(), decoderIdRole);
    }
    // As wide as the short built-in names, not the longest decoder's: the viewer must fit a small
    // window beside the values table (the list still shows each name whole).
    m_modeBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_modeBox->setMinimumContentsLength(6);
    selectModeInBox();
    connect(m_modeBox, &QComboBox::activated, this, [this](int index) {
        applyMode(Mode(m_modeBox->itemData(index).toInt()),
                  m_modeBox->itemData(index, decoderIdRole).toString());
    });
    auto* modeLabel = new QLabel(tr("&View as:"), bar);
    modeLabel->setBuddy(m_modeBox);

    auto* menu = new QMenu(this);
    const QList<std::pair<Format, QString>> formats{{Format::Text, tr("Copy as &Text")},
                                                    {Format::Hex, tr("Copy as &Hex")},
                                                    {Format::Base64, tr("Copy as &Base64")},
                                                    {Format::Command, tr("Copy as opendht-cli &Command")}};
    for (const auto& [format, text] : formats) {
        QAction* action = menu->addAction(text);
        connect(action, &QAction::triggered, this, [this, format = format] { copyAs(format); });
        m_copyActions.append(action);
    }
    m_copyButton = new QToolButton(bar);
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_copyButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyButton->setPopupMode(QToolButton::InstantPopup);
    m_copyButton->setMenu(menu);

    m_saveAction =
        new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("&Save Value…"), this);
    m_saveAction->setToolTip(tr("Save the value's exact bytes to a file"));
    connect(m_saveAction, &QAction::triggered, this, &ValueViewer::saveWithDialog);
    m_saveButton = new QToolButton(bar);
    m_saveButton->setDefaultAction(m_saveAction);
    m_saveButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(modeLabel);
    layout->addWidget(m_modeBox);
    layout->addStretch(1);
    layout->addWidget(m_copyButton);
    layout->addWidget(m_saveButton);
}

void ValueViewer::setValue(const DhtValue& value)
{
    m_value = value;
    m_hasValue = true;
    restoreMode(kindOf(value.data));
    selectModeInBox();
    render();
}

void ValueViewer::restoreMode(Kind kind)
{
    const Settings& settings = browserSettings();
    const QVariant forKind = settings.value(Key::ViewerMode, kindName(kind));
    const QString name = (forKind.isValid() ? forKind : settings.value(Key::ViewerMode)).toString();
    m_mode = modeFromName(name);
    m_decoderId = decoderOfName(name);
}

void ValueViewer::selectModeInBox()
{
    for (int i = 0; i < m_modeBox->count(); ++i) {
        const QVariant mode = m_modeBox->itemData(i);
        if (mode.isValid() && Mode(mode.toInt()) == m_mode &&
            (m_mode != Mode::Decoder || m_modeBox->itemData(i, decoderIdRole).toString() == m_decoderId)) {
            m_modeBox->setCurrentIndex(i);
            return;
        }
    }
}

QString ValueViewer::storedName() const
{
    return m_mode == Mode::Decoder ? decoderPrefix + m_decoderId : modeName(m_mode);
}

ValueViewer::Kind ValueViewer::kindOf(const QByteArray& bytes)
{
    if (!ValueFormat::imageFormat(bytes).isEmpty())
        return Kind::Image;
    if (ValueFormat::prettyJson(bytes))
        return Kind::Json;
    return ValueFormat::isText(bytes) ? Kind::Text : Kind::Binary;
}

QString ValueViewer::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Image:
        return QStringLiteral("image");
    case Kind::Json:
        return QStringLiteral("json");
    case Kind::Text:
        return QStringLiteral("text");
    case Kind::Binary:
        break;
    }
    return QStringLiteral("binary");
}

void ValueViewer::followModel(const QAbstractItemModel* model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelReset, this, &ValueViewer::dropIfGone);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ValueViewer::dropIfGone);
    connect(model, &QAbstractItemModel::dataChanged, this, &ValueViewer::followUpdate);
}

// A signed value's update (same id, higher seq) replaces its row in place: the viewer shows the
// new content rather than the bytes it was given first.
void ValueViewer::followUpdate(const QModelIndex& topLeft, const QModelIndex& bottomRight)
{
    const auto* values = qobject_cast<const ValuesModel*>(m_model);
    if (!m_hasValue || !values || !m_value.hasId || m_value.classicItem || !topLeft.isValid())
        return;
    for (int row = topLeft.row(); row <= bottomRight.row() && row < values->count(); ++row) {
        const DhtValue& v = values->valueAt(row);
        if (v.hasId && !v.classicItem && v.id == m_value.id) { // DhtValue::identity(), without copies
            if (v.seq() > m_value.seq())
                setValue(v);
            return;
        }
    }
}

void ValueViewer::dropIfGone()
{
    if (!m_hasValue || !m_model)
        return;
    // A value is its bytes and its secret hash, as the table counts them.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(ValuesModel::BytesRole).toByteArray() == m_value.data &&
            index.data(ValuesModel::SecretHashRole).toByteArray() == m_value.secretHash)
            return;
    }
    clear();
}

void ValueViewer::clear()
{
    m_value = DhtValue();
    m_hasValue = false;
    render();
}

void ValueViewer::setMode(Mode mode)
{
    if (mode == Mode::Decoder) { // the last decoder chosen, else the first
        const QString id =
            m_decoderId.isEmpty() ? DecoderRegistry::instance().decoders().first()->id() : m_decoderId;
        applyMode(mode, id);
        return;
    }
    applyMode(mode, {});
}

void ValueViewer::setDecoder(const QString& id)
{
    if (DecoderRegistry::instance().byId(id))
        applyMode(Mode::Decoder, id);
}

void ValueViewer::applyMode(Mode mode, const QString& decoderId)
{
    const bool same = mode == m_mode && (mode != Mode::Decoder || decoderId == m_decoderId);
    m_mode = mode;
    if (mode == Mode::Decoder)
        m_decoderId = decoderId;
    selectModeInBox();
    if (same)
        return;
    Settings& settings = browserSettings();
    if (m_hasValue) {
        settings.setValue(Key::ViewerMode, kindName(kindOf(m_value.data)), storedName());
    } else { // for every kind
        for (Kind kind : {Kind::Image, Kind::Json, Kind::Text, Kind::Binary})
            settings.remove(Key::ViewerMode, kindName(kind));
        settings.setValue(Key::ViewerMode, storedName());
    }
    render();
}

void ValueViewer::setContext(const DhtKey& key, const QUrl& gateway, GatewayKind kind)
{
    m_key = key;
    m_gateway = gateway;
    m_kind = kind;
    updateActions();
}

QString ValueViewer::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Text:
        return QStringLiteral("text");
    case Mode::Hex:
        return QStringLiteral("hex");
    case Mode::Json:
        return QStringLiteral("json");
    case Mode::Image:
        return QStringLiteral("image");
    case Mode::Decoder:
        return QStringLiteral("decoder");
    case Mode::Auto:
        break;
    }
    return QStringLiteral("auto");
}

void ValueViewer::render()
{
    updateActions();
    m_image->clearImage();
    m_image->fit();
    m_hexShown = false;
    m_decoded->clear();
    if (!m_hasValue) {
        m_stack->setCurrentWidget(m_placeholder);
        m_status->clear();
        m_find->hide();
        m_zoomBar->hide();
        m_details->clear();
        m_details->hide();
        return;
    }
    m_details->setValue(m_value);
    m_details->show();
    QString note;
    const QString shownAs = showBytes(&note);
    const QString summary = statusLine(shownAs);
    m_status->setText(note.isEmpty() ? summary : summary + u'\n' + note);
    m_find->setVisible(m_stack->currentWidget() == m_text);
    m_zoomBar->setVisible(showsImage());
    updateZoomText();
}

QString ValueViewer::statusLine(const QString& shownAs) const
{
    const QString encryption = ValueFields::encryption(m_value);
    if (m_value.isEncrypted()) // nothing else of it is readable
        return tr("%1: %2 of ciphertext, shown as hex")
            .arg(encryption, ValueFormat::byteCount(m_value.meta->cypher.size()));
    const QString line = tr("%1, shown as %2").arg(ValueFormat::byteCount(m_value.data.size()), shownAs);
    return encryption.isEmpty() ? line : encryption + u'\n' + line;
}

const QByteArray& ValueViewer::shownBytes() const
{
    return m_value.isEncrypted() ? m_value.meta->cypher : m_value.data;
}

void ValueViewer::updateActions()
{
    for (QAction* action : std::as_const(m_copyActions))
        action->setEnabled(m_hasValue);
    m_copyActions.value(int(Format::Command))->setEnabled(m_hasValue && m_key.isValid());
    m_saveAction->setEnabled(m_hasValue);
    m_copyButton->setEnabled(m_hasValue);
}

// Shows the value in the chosen mode and says how; a mode that does not apply puts why in
// *note and the bytes are shown as text (or hex) instead.
QString ValueViewer::showBytes(QString* note)
{
    const QByteArray& bytes = m_value.data;
    if (m_value.isEncrypted()) { // whatever the mode: its ciphertext, which no decoder reads
        showHex();
        return tr("hex");
    }
    if (m_mode == Mode::Decoder) {
        QString shownAs;
        if (showDecoded(DecoderRegistry::instance().byId(m_decoderId), &shownAs, note))
            return shownAs;
        return showTextOrHex();
    }
    if (m_mode == Mode::Image || (m_mode == Mode::Auto && !ValueFormat::imageFormat(bytes).isEmpty())) {
        const ValueImage image = ValueImage::decode(bytes);
        if (!image.isNull()) {
            m_image->setImage(image.image());
            m_stack->setCurrentWidget(m_imageScroll);
            return image.description();
        }
        *note = tr("Not shown as an image: %1").arg(image.error());
    }
    if (m_mode == Mode::Auto) {
        m_decoderId.clear(); // until a decoder matches this value
        QString shownAs;
        if (showDecoded(DecoderRegistry::instance().best(m_value), &shownAs, note))
            return shownAs;
    }
    if (m_mode == Mode::Json || m_mode == Mode::Auto) {
        if (const auto json = ValueFormat::prettyJson(bytes)) {
            showText(*json, true, true);
            return tr("JSON, indented for reading (the value itself is unchanged)");
        }
        if (m_mode == Mode::Json)
            *note = tr("Not JSON: these bytes are not a JSON object or array.");
    }
    if (m_mode == Mode::Hex) {
        showHex();
        return tr("hex");
    }
    if (m_mode == Mode::Text) {
        showText(ValueFormat::visibleText(bytes, true), false, true);
        if (!ValueFormat::isText(bytes))
            *note = tr("Not plain text: bytes that are not UTF-8 show as �, control characters as symbols.");
        return tr("text");
    }
    return showTextOrHex();
}

// Shows the value as the decoder reads it; false (and why in *note) when it cannot.
bool ValueViewer::showDecoded(const ValueDecoder* decoder, QString* shownAs, QString* note)
{
    if (!decoder)
        return false;
    const DecodeResult result = decoder->decode(m_value);
    if (!result.ok()) {
        *note = tr("Not shown as %1: %2").arg(decoder->name(), result.error);
        return false;
    }
    if (m_mode == Mode::Auto)
        m_decoderId = decoder->id();
    m_decoded->setResult(result);
    m_stack->setCurrentWidget(m_decoded);
    *shownAs = tr("%1 (%2)").arg(decoder->name(), result.summary);
    return true;
}

bool ValueViewer::showsDecoded() const
{
    return m_stack->currentWidget() == m_decoded;
}

QString ValueViewer::showTextOrHex()
{
    if (ValueFormat::isText(m_value.data)) {
        showText(ValueFormat::visibleText(m_value.data, true), false, true);
        return tr("text");
    }
    showHex();
    return tr("hex");
}

void ValueViewer::showText(const QString& text, bool monospace, bool wrap)
{
    m_text->setFont(monospace ? QFontDatabase::systemFont(QFontDatabase::FixedFont) : font());
    m_text->setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    m_text->setPlainText(text);
    m_stack->setCurrentWidget(m_text);
    m_find->refresh(); // the matches in what is shown now
}

QString ValueViewer::shownText() const
{
    return m_stack->currentWidget() == m_text ? m_text->toPlainText() : QString();
}

bool ValueViewer::showsImage() const
{
    return m_stack->currentWidget() == m_imageScroll && m_image->hasImage();
}

QString ValueViewer::statusText() const
{
    return m_status->text();
}

QAction* ValueViewer::copyAction(Format format) const
{
    return m_copyActions.value(int(format));
}

QString ValueViewer::copyText(Format format) const
{
    if (!m_hasValue)
        return {};
    switch (format) {
    case Format::Text: // a leading BOM is part of the value: kept
        return VisibleText::decodeUtf8(m_value.data).value_or(QString::fromUtf8(m_value.data));
    case Format::Hex:
        return QString::fromLatin1(m_value.data.toHex());
    case Format::Base64:
        return QString::fromLatin1(m_value.data.toBase64());
    case Format::Command:
        if (!m_key.isValid())
            return {};
        return ValueFormat::cliCommand(m_key, m_value.data, m_value.ttlLeft, m_gateway, m_kind);
    }
    return {};
}

void ValueViewer::followSelection(const QItemSelectionModel* selection)
{
    m_selection = selection;
}

void ValueViewer::copyAs(ValueViewer::Format format)
{
    const QModelIndexList rows = m_selection ? m_selection->selectedRows() : QModelIndexList();
    if (rows.size() > 1) {
        QModelIndexList ordered = rows; // as the table shows them, not in the order clicked
        std::sort(ordered.begin(), ordered.end(),
                  [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
        QGuiApplication::clipboard()->setText(
            SelectionCopy::lines(ordered, format, m_key, m_gateway, m_kind));
        emit message(SelectionCopy::message(int(ordered.size()), format));
        return;
    }
    const QString text = copyText(format);
    if (text.isEmpty() && !(m_hasValue && m_value.data.isEmpty())) {
        emit message(m_hasValue ? tr("No key to make a command for") : tr("No value selected"));
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    const QString size = ValueFormat::byteCount(m_value.data.size());
    switch (format) {
    case Format::Text:
        emit message(ValueFormat::isText(m_value.data) ||
                             QString::fromUtf8(m_value.data).toUtf8() == m_value.data
                         ? tr("Copied %1 as text").arg(size)
                         : tr("Copied %1 as text (bytes that are not UTF-8 became �)").arg(size));
        break;
    case Format::Hex:
        emit message(tr("Copied %1 as hex").arg(size));
        break;
    case Format::Base64:
        emit message(tr("Copied %1 as base64").arg(size));
        break;
    case Format::Command:
        emit message(tr("Copied an opendht-cli command that puts these %1 again").arg(size));
        break;
    }
}

bool ValueViewer::saveToFile(const QString& path)
{
    if (!m_hasValue) {
        emit message(tr("No value selected"));
        return false;
    }
    QSaveFile file(path);
    const bool ok =
        file.open(QIODevice::WriteOnly) && file.write(m_value.data) == m_value.data.size() && file.commit();
    const QString where = QDir::toNativeSeparators(path);
    if (!ok) {
        emit message(tr("Could not save the value to %1: %2").arg(where, file.errorString()));
        return false;
    }
    emit message(tr("Saved %1 to %2").arg(ValueFormat::byteCount(m_value.data.size()), where));
    return true;
}

void ValueViewer::saveWithDialog()
{
    if (!m_hasValue)
        return;
    Settings& settings = browserSettings();
    const QString directory = settings.value(Key::ViewerSaveDirectory).toString();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Value"), QDir(directory).filePath(suggestedFileName()));
    if (path.isEmpty())
        return;
    settings.setValue(Key::ViewerSaveDirectory, QFileInfo(path).absolutePath());
    saveToFile(path);
}

QString ValueViewer::suggestedFileName() const
{
    const QByteArray image = ValueFormat::imageFormat(m_value.data);
    if (image == "jpeg")
        return QStringLiteral("value.jpg");
    if (!image.isEmpty())
        return QStringLiteral("value.") + QString::fromLatin1(image);
    if (ValueFormat::prettyJson(m_value.data))
        return QStringLiteral("value.json");
    return ValueFormat::isText(m_value.data) ? QStringLiteral("value.txt") : QStringLiteral("value.bin");
}
