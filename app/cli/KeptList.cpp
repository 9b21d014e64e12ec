#include "KeptList.h"

#include "ExitCode.h"

#include "core/kept/KeptPutStore.h"
#include "core/kept/KeptPutText.h"

#include <QFileInfo>

#include <cstdio>

int KeptList::print()
{
    const QString path = KeptPutStore::userPath();
    if (!QFileInfo::exists(path))
        return ExitOk; // the browser never kept a put: nothing to list (and no file to make)
    KeptPutStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "opendht-cli: %s\n", qPrintable(error));
        return ExitUsage;
    }
    QByteArray table;
    for (const KeptPut& p : store.all()) {
        table += QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(KeptPutText::key(p), -20)
                     .arg(KeptPutText::type(p), -12)
                     .arg(KeptPutText::ends(p), -16)
                     .arg(p.proxy.toString(), -28)
                     .arg(KeptPutText::needs(p))
                     .toUtf8();
    }
    std::fwrite(table.constData(), 1, size_t(table.size()), stdout);
    return ExitOk;
}
