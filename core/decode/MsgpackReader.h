#pragma once

#include "MsgpackItem.h"

#include <QCoreApplication>

// Reads one msgpack object that must fill the bytes exactly, with msgpack-cxx and the bounds of
// DecodeLimits: a length or count prefix larger than the bytes that follow (a "4 GiB" string,
// an array claiming 2^32 elements) is refused before anything is allocated for it, and so is
// nesting deeper than DecodeLimits::maxDepth.
class MsgpackReader
{
    Q_DECLARE_TR_FUNCTIONS(MsgpackReader)
public:
    struct Result
    {
        std::optional<MsgpackItem> item;
        QString error; // why not, in words: "the data ends inside an object", ...
    };

    static Result read(const QByteArray& bytes);
    // True when the bytes are one whole msgpack array or map (cheap enough for match()).
    static bool isContainer(const QByteArray& bytes);
};
