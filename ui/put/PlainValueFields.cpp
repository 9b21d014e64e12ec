#include "PlainValueFields.h"

#include "FieldNote.h"

#include "core/kept/KeptPutText.h"
#include "ui/common/BrowserSettings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace {

// What a stock node does with values of this type, past keeping it its lifetime
// (proxy-rest.md 5.1, /usr/include/opendht/default_types.h).
QString storePolicy(quint16 type)
{
    switch (type) {
    case 2:
        return PlainValueFields::tr(" The storing node replaces the data with your address and port.");
    case 8:
        return PlainValueFields::tr(" Stock nodes take only a certificate whose key id is the key.");
    default:
        return {};
    }
}

} // namespace

PlainValueFields::PlainValueFields(QWidget* parent)
    : QWidget(parent)
    , m_type(new QComboBox(this))
    , m_typeNote(new FieldNote(this))
    , m_userType(new QLineEdit(this))
{
    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->setAccessibleName(tr("Value type"));
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_type->setMinimumContentsLength(12);
    m_type->setToolTip(tr("A type stock OpenDHT nodes know, or any number from 0 to 65535"));
    for (quint16 t : {0, 1, 3, 5, 4, 2, 8})
        m_type->addItem(DhtValueType::label(t), t);
    m_userType->setPlaceholderText(tr("Optional, e.g. text/plain"));
    m_userType->setAccessibleName(tr("User type"));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Value &type:"), m_type);
    form->addRow(QString(), m_typeNote);
    form->addRow(tr("&User type:"), m_userType);
    qobject_cast<QLabel*>(form->labelForField(m_type))->setBuddy(m_type);
    qobject_cast<QLabel*>(form->labelForField(m_userType))->setBuddy(m_userType);

    const Settings& settings = browserSettings();
    m_type->setCurrentText(
        DhtValueType::label(quint16(settings.value(Settings::Key::PutPlainType).toUInt())));
    m_userType->setText(settings.value(Settings::Key::PutUserType).toString());
    connect(m_type, &QComboBox::currentTextChanged, this, &PlainValueFields::update);
    connect(m_userType, &QLineEdit::textChanged, this, &PlainValueFields::update);
    update();
}

std::optional<quint16> PlainValueFields::type() const
{
    const QString text = m_type->currentText().trimmed();
    if (const auto parsed = DhtValueType::parse(text))
        return parsed;
    // An item of the list as shown: "5 ICE candidates".
    const auto number = DhtValueType::parse(text.section(u' ', 0, 0));
    if (number && DhtValueType::label(*number).compare(text, Qt::CaseInsensitive) == 0)
        return number;
    return std::nullopt;
}

QString PlainValueFields::userType() const
{
    return m_userType->text();
}

QString PlainValueFields::problem() const
{
    if (!type())
        return tr("\"%1\" is not a value type: choose one or type a number from 0 to 65535.")
            .arg(m_type->currentText());
    return {};
}

void PlainValueFields::update()
{
    const auto t = type();
    if (!t) {
        m_typeNote->showProblem(problem());
    } else {
        Settings& settings = browserSettings();
        settings.setValue(Settings::Key::PutPlainType, *t);
        settings.setValue(Settings::Key::PutUserType, userType()); // written once for a word typed
        const QString lifetime = KeptPutText::lifetime(qint64(DhtValueType::lifetimeSeconds(*t)) * 1000);
        const QString kept =
            DhtValueType::name(*t).isEmpty() || *t == DhtValueType::classicItem
                ? tr("Type %1 is unknown to stock nodes: they keep it as user data, %2 after its last store.")
                      .arg(*t)
                      .arg(lifetime)
                : tr("Stock nodes keep a value of this type %1 after its last store.").arg(lifetime);
        m_typeNote->showNote(kept + storePolicy(*t));
    }
    emit changed();
}
