#include "PutPanel.h"

#include "ui/common/BrowserSettings.h"
#include "ui/common/ElidingLabel.h"

#include "FieldNote.h"
#include "PlainValueFields.h"
#include "TtlSlider.h"
#include "ValueEditor.h"

#include "core/backend/GatewayBackend.h"
#include "core/backend/InputCheck.h"
#include "core/dht/DhtLimits.h"
#include "core/kept/KeptPutText.h"
#include "core/util/Duration.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace {

QLabel* plainLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // keys and names may come from anyone
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* rowLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

PutPanel::PutPanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_putAs(new QComboBox(this))
    , m_putAsNote(new FieldNote(this))
    , m_plain(new PlainValueFields(this))
    , m_value(new ValueEditor(this))
    , m_counter(new FieldNote(this))
    , m_valueNote(new FieldNote(this))
    , m_ttl(new TtlSlider(this))
    , m_ttlNote(new FieldNote(this))
    , m_secret(new QLineEdit(this))
    , m_showSecret(new QCheckBox(tr("Sh&ow"), this))
    , m_secretNote(new FieldNote(this))
    , m_key(new ElidingLabel(this))
    , m_application(plainLabel(this))
    , m_put(new QPushButton(tr("&Put"), this))
    , m_putStatus(plainLabel(this))
    , m_result(new FieldNote(this))
{
    m_putAs->addItem(tr("Classic item (removable, exact TTL)"));
    m_putAs->addItem(tr("Plain OpenDHT value (for other software)"));
    m_putAs->setAccessibleName(tr("Put as"));
    // As narrow as the other fields: the dock's width follows the panel's minimum.
    m_putAs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_putAs->setMinimumContentsLength(12);
    auto* putAsField = new QWidget(this);
    auto* putAsLayout = new QVBoxLayout(putAsField);
    putAsLayout->setContentsMargins(0, 0, 0, 0);
    putAsLayout->addWidget(m_putAs);
    putAsLayout->addWidget(m_putAsNote);
    m_secretField = buildSecretField();
    auto* form = m_form;
    form->addRow(tr("Put under:"), m_key);
    form->addRow(rowLabel(tr("Put &as:"), m_putAs, this), putAsField);
    form->addRow(rowLabel(tr("Val&ue:"), m_value->textEdit(), this), buildValueField());
    form->addRow(rowLabel(tr("Time to &live:"), m_ttl->slider(), this), buildTtlField());
    form->addRow(m_plain);
    form->addRow(rowLabel(tr("Se&cret:"), m_secret, this), m_secretField);
    form->addRow(tr("Application:"), m_application);

    m_put->setToolTip(tr("Put the value under the open key (Ctrl+Return)"));
    auto* putRow = new QHBoxLayout;
    putRow->addWidget(m_put);
    putRow->addWidget(m_putStatus, 1);
    m_result->setAccessibleName(tr("Put result"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(putRow);
    layout->addWidget(m_result);
    layout->addStretch();

    addPutShortcuts();
    connect(m_put, &QPushButton::clicked, this, &PutPanel::requestPut);
    connect(m_value, &ValueEditor::valueChanged, this, &PutPanel::onValueChanged);
    connect(m_secret, &QLineEdit::textChanged, this, &PutPanel::updateState);
    connect(m_putAs, &QComboBox::currentIndexChanged, this, &PutPanel::updateState);
    connect(m_plain, &PlainValueFields::changed, this, &PutPanel::updateState);
    connect(&m_clock, &QTimer::timeout, this, &PutPanel::updateState);
    m_clock.start(std::chrono::seconds(20));
    // Each step of a dragged slider is remembered; Settings writes the file once for all.
    connect(m_ttl, &TtlSlider::secondsChanged, this, [this](int seconds) {
        browserSettings().setValue(Settings::Key::PutTtlSeconds, seconds);
        updateState();
    });

    const int remembered = browserSettings().value(Settings::Key::PutTtlSeconds).toInt();
    if (!InputCheck::ttl(remembered).isError()) // 0: nothing remembered, the slider's default
        m_ttl->setSeconds(remembered);
    setTargetKey({});
    setApplication({});
    setGateway(nullptr);
}

QWidget* PutPanel::buildValueField()
{
    auto* fromFile = new QPushButton(tr("From f&ile…"), this);
    fromFile->setToolTip(
        tr("Put the exact bytes of a file of at most %1 bytes").arg(DhtLimits::maxValueBytes));
    connect(fromFile, &QPushButton::clicked, this, &PutPanel::chooseFile);
    m_counter->setAccessibleName(tr("Value size"));

    auto* field = new QWidget(this);
    auto* below = new QHBoxLayout;
    below->addWidget(m_counter, 1);
    below->addWidget(fromFile);
    auto* layout = new QVBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_value);
    layout->addLayout(below);
    layout->addWidget(m_valueNote);
    return field;
}

QWidget* PutPanel::buildTtlField()
{
    auto* field = new QWidget(this);
    auto* layout = new QVBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_ttl);
    layout->addWidget(m_ttlNote);
    return field;
}

void PutPanel::addPutShortcuts()
{
    // Ctrl+Return (and Ctrl+Enter on the keypad) from anywhere in the panel, the value editor
    // included, where a plain Return types a new line.
    for (const QKeySequence& keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &PutPanel::requestPut);
    }
}

QWidget* PutPanel::buildSecretField()
{
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Optional"));
    m_secret->setAccessibleName(tr("Secret"));
    m_showSecret->setToolTip(tr("Show the secret as you type it"));
    connect(m_showSecret, &QCheckBox::toggled, this,
            [this](bool show) { m_secret->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password); });

    auto* field = new QWidget(this);
    auto* row = new QHBoxLayout;
    row->addWidget(m_secret, 1);
    row->addWidget(m_showSecret);
    auto* layout = new QVBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_secretNote);
    return field;
}

QByteArray PutPanel::value() const
{
    return m_value->value();
}

int PutPanel::ttlSeconds() const
{
    return m_ttl->seconds();
}

QByteArray PutPanel::secret() const
{
    return m_secret->text().toUtf8();
}

bool PutPanel::isPlain() const
{
    return m_putAs->currentIndex() == 1;
}

QLabel* PutPanel::putAsNote() const
{
    return m_putAsNote;
}

void PutPanel::setGateway(GatewayBackend* backend)
{
    if (m_gateway)
        m_gateway->disconnect(this);
    m_gateway = backend;
    if (backend)
        connect(backend, &GatewayBackend::capabilitiesChanged, this, &PutPanel::updatePutAs);
    updatePutAs();
}

void PutPanel::updatePutAs()
{
    const QString refusal = m_gateway ? m_gateway->plainValuesRefusal() : tr("No gateway is in use yet.");
    if (auto* model = qobject_cast<QStandardItemModel*>(m_putAs->model()))
        model->item(1)->setEnabled(refusal.isEmpty());
    if (!refusal.isEmpty())
        m_putAs->setCurrentIndex(0);
    if (refusal.isEmpty())
        m_putAsNote->clear();
    else
        m_putAsNote->showNote(tr("Plain OpenDHT values cannot be put here: %1").arg(refusal));
    m_putAsNote->setVisible(!refusal.isEmpty());
    updateState();
}

QPlainTextEdit* PutPanel::valueEdit() const
{
    return m_value->textEdit();
}

QLabel* PutPanel::resultLabel() const
{
    return m_result;
}

QLabel* PutPanel::byteCounter() const
{
    return m_counter;
}

QLabel* PutPanel::putStatusLabel() const
{
    return m_putStatus;
}

QLabel* PutPanel::valueNote() const
{
    return m_valueNote;
}

QLabel* PutPanel::secretNote() const
{
    return m_secretNote;
}

void PutPanel::setTargetKey(const QString& description)
{
    m_hasKey = !description.isEmpty();
    m_key->setFullText(m_hasKey ? description : tr("no key open"));
    updateState();
}

void PutPanel::setApplication(const QString& name)
{
    m_application->setText(name.isEmpty() ? tr("none") : name);
}

void PutPanel::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_result->showNote(tr("Putting…"));
    else if (m_result->text() == tr("Putting…"))
        m_result->clear(); // ended without a result (cancelled)
    updateState();
}

void PutPanel::showResult(bool ok, const QString& text)
{
    m_busy = false;
    if (ok)
        m_result->showNote(text);
    else
        m_result->showProblem(text);
    updateState();
}

bool PutPanel::loadFile(const QString& path)
{
    QString message;
    const bool loaded =
        m_value->loadFile(path, isPlain() ? PlainValue::maxBytes : DhtLimits::maxValueBytes, &message);
    m_fileMessage = message; // after the load's own valueChanged, which clears the previous one
    m_fileRefused = !loaded;
    updateState();
    return loaded;
}

void PutPanel::chooseFile()
{
    Settings& settings = browserSettings();
    const QString start = settings.value(Settings::Key::PutFileDirectory).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Put a value from a file"), start);
    if (path.isEmpty())
        return;
    settings.setValue(Settings::Key::PutFileDirectory, QFileInfo(path).absolutePath());
    loadFile(path);
}

void PutPanel::requestPut()
{
    updateState();
    if (!m_put->isEnabled())
        return; // Ctrl+Return on a form that cannot be put: the reasons are already shown
    if (isPlain())
        emit plainPutRequested({value(), *m_plain->type(), m_plain->userType()}, ttlSeconds());
    else
        emit putRequested(value(), ttlSeconds(), secret());
}

void PutPanel::onValueChanged()
{
    m_fileMessage.clear();
    m_fileRefused = false;
    updateState();
}

QString PutPanel::valueProblem(const QByteArray& bytes) const
{
    if (!isPlain())
        return InputCheck::sentence(InputCheck::value(bytes));
    return InputCheck::sentence(InputCheck::plainValue({bytes, 0, m_plain->userType()}));
}

void PutPanel::updateState()
{
    const bool plain = isPlain();
    m_plain->setVisible(plain);
    m_form->setRowVisible(m_secretField, !plain); // plain values cannot be removed
    const QByteArray bytes = value();
    const QString valueProblem = this->valueProblem(bytes);
    const QString ttlProblem = InputCheck::sentence(InputCheck::ttl(ttlSeconds()));
    const QString secretProblem =
        plain ? m_plain->problem() : InputCheck::sentence(InputCheck::secret(secret(), false));

    const QString count =
        tr("%1 / %2 bytes").arg(bytes.size()).arg(plain ? PlainValue::maxBytes : DhtLimits::maxValueBytes);
    if (valueProblem.isEmpty())
        m_counter->showNote(count);
    else
        m_counter->showProblem(tr("%1: too long").arg(count));

    if (!valueProblem.isEmpty())
        m_valueNote->showProblem(valueProblem);
    else if (m_fileRefused)
        m_valueNote->showProblem(m_fileMessage);
    else
        m_valueNote->showNote(m_fileMessage);
    m_valueNote->setVisible(!m_valueNote->text().isEmpty());

    m_ttlNote->showProblem(ttlProblem);
    m_ttlNote->setVisible(!ttlProblem.isEmpty());

    if (plain)
        m_secretNote->clear();
    else if (secretProblem.isEmpty())
        m_secretNote->showNote(tr("Makes the value removable with this secret (at most %1 bytes).")
                                   .arg(DhtLimits::maxSecretBytes));
    else
        m_secretNote->showProblem(secretProblem);

    const QString reason =
        blockingReason(valueProblem.isEmpty() && ttlProblem.isEmpty() && secretProblem.isEmpty());
    m_put->setEnabled(reason.isEmpty());
    m_putStatus->setText(reason.isEmpty() ? statusText() : reason);
}

// What a put would do; for a plain value, when it really ends (within one type lifetime).
QString PutPanel::statusText() const
{
    const int size = int(value().size());
    if (!isPlain())
        return tr("Puts %n byte(s) for %1%2.", nullptr, size)
            .arg(Duration::format(ttlSeconds()),
                 secret().isEmpty() ? tr(", not removable") : tr(", removable with the secret"));
    const PlainValue plain{value(), *m_plain->type(), m_plain->userType()};
    const QDateTime now = QDateTime::currentDateTime();
    const PlainValue::End end = plain.end(now, ttlSeconds());
    const QString ends = KeptPutText::between(end.earliest, end.latest, now);
    if (!plain.needsKeeping(ttlSeconds()))
        return tr("Puts %n byte(s) as a plain value of type %1 for %2: one POST, it ends %3.", nullptr, size)
            .arg(plain.type)
            .arg(Duration::format(ttlSeconds()), ends);
    return tr("Puts %n byte(s) as a plain value of type %1 for %2: the browser keeps it, it ends %3.",
              nullptr, size)
        .arg(plain.type)
        .arg(Duration::format(ttlSeconds()), ends);
}

QString PutPanel::blockingReason(bool formValid) const
{
    if (!m_hasKey)
        return tr("No key is open: open a key to put a value under it.");
    if (m_busy)
        return tr("A put is under way.");
    if (isPlain() && m_gateway && !m_gateway->plainValuesRefusal().isEmpty())
        return m_gateway->plainValuesRefusal();
    if (!formValid)
        return tr("Correct the problem shown above to put.");
    if (value().isEmpty())
        return tr("Type a value or load one from a file to put.");
    return {};
}
