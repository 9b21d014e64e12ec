#include "HamDhtSchema.h"

#include <QRegularExpression>

namespace {

using Shape = HamDhtField::Shape;

HamDhtField field(const QString& name, Shape shape = Shape::Plain, QList<HamDhtField> fields = {})
{
    return HamDhtField{name, shape, std::move(fields)};
}

// Each part but config: a timestamp, a sequence number and the list.
QList<HamDhtField> listPart(QList<HamDhtField> tuple)
{
    return {field(QStringLiteral("timestamp"), Shape::Time), field(QStringLiteral("sequence")),
            field(QStringLiteral("list"), Shape::List, std::move(tuple))};
}

QList<HamDhtField> configFields(bool urfd)
{
    const QStringList strings{QStringLiteral("callsign (cs)"),
                              QStringLiteral("ipv4"),
                              QStringLiteral("ipv6"),
                              QStringLiteral("modules (mods)"),
                              urfd ? QStringLiteral("transcoded modules (tcmods)") : QStringLiteral("emods"),
                              QStringLiteral("url"),
                              QStringLiteral("email"),
                              QStringLiteral("sponsor"),
                              QStringLiteral("country"),
                              QStringLiteral("version")};
    QList<HamDhtField> out{field(QStringLiteral("timestamp"), Shape::Time)};
    for (const QString& s : strings)
        out.append(field(s));
    if (!urfd) {
        out.append(field(QStringLiteral("port")));
        return out;
    }
    const auto names = [](const QStringList& list, Shape shape = Shape::Plain) {
        QList<HamDhtField> fields;
        for (const QString& n : list)
            fields.append(field(n, shape));
        return fields;
    };
    out.append(
        field(QStringLiteral("auto-link modules (almod)"), Shape::Array,
              names({QStringLiteral("nxdn"), QStringLiteral("p25"), QStringLiteral("ysf")}, Shape::Module)));
    out.append(field(QStringLiteral("YSF frequencies (ysffreq)"), Shape::Array,
                     names({QStringLiteral("rx"), QStringLiteral("tx")})));
    out.append(field(QStringLiteral("reflector ids (refid)"), Shape::Array,
                     names({QStringLiteral("nxdn"), QStringLiteral("p25")})));
    out.append(field(QStringLiteral("G3 enabled (g3enabled)")));
    out.append(field(QStringLiteral("ports (port)"), Shape::Array,
                     names({QStringLiteral("dcs"), QStringLiteral("dextra"), QStringLiteral("dmrplus"),
                            QStringLiteral("dplus"), QStringLiteral("m17"), QStringLiteral("mmdvm"),
                            QStringLiteral("nxdn"), QStringLiteral("p25"), QStringLiteral("urf"),
                            QStringLiteral("ysf")})));
    out.append(field(QStringLiteral("module descriptions (description)"), Shape::CharMap));
    return out;
}

QList<HamDhtField> fieldsOf(const QString& software, const QString& part)
{
    const bool urfd = software == QLatin1String("urfd");
    const HamDhtField callsign = field(QStringLiteral("callsign"));
    if (part == QLatin1String("config"))
        return configFields(urfd);
    if (part == QLatin1String("peers"))
        return listPart(
            {callsign, field(QStringLiteral("modules")), field(QStringLiteral("connect time"), Shape::Time)});
    if (part == QLatin1String("clients"))
        return listPart({callsign, field(QStringLiteral("ip")),
                         field(QStringLiteral("module"), Shape::Module),
                         field(QStringLiteral("connect time"), Shape::Time),
                         field(QStringLiteral("last heard"), Shape::Time)});
    if (urfd) // users
        return listPart({callsign, field(QStringLiteral("via node")),
                         field(QStringLiteral("on module"), Shape::Module), field(QStringLiteral("via peer")),
                         field(QStringLiteral("last heard"), Shape::Time)});
    return listPart({field(QStringLiteral("source")), field(QStringLiteral("destination")),
                     field(QStringLiteral("reflector")), field(QStringLiteral("last heard"), Shape::Time)});
}

} // namespace

HamDhtSchema HamDhtSchema::forUserType(const QString& userType)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(urfd|mrefd)-(config|peers|clients|users)-(\\d{1,4})$"));
    const QRegularExpressionMatch m = pattern.match(userType);
    if (!m.hasMatch())
        return {};
    HamDhtSchema schema{m.captured(1), m.captured(2), m.captured(3).toInt(), {}};
    if (schema.version == 1) // the only version the sources define
        schema.fields = fieldsOf(schema.software, schema.part);
    return schema;
}

QString HamDhtSchema::partOfId(quint64 id)
{
    switch (id) {
    case 1:
        return QStringLiteral("config");
    case 2:
        return QStringLiteral("peers");
    case 3:
        return QStringLiteral("clients");
    case 4:
        return QStringLiteral("users");
    default:
        return {};
    }
}
