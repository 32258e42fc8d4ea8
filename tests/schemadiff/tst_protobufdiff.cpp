// Protobuf: every pair of protobufcases.cpp gives its changes and verdict; a base64
// FileDescriptorProto (as registries return schemas the Confluent clients registered) compares
// like its .proto text; parse and link errors name the side, the line and the missing import.

#include "cases.h"
#include "schemadiff.h"

#include <google/protobuf/descriptor.pb.h>

#include <QTest>

#include <algorithm>

using namespace edis::schemadiff;

namespace {

SchemaText proto(const QString &text)
{
    return SchemaText {text, {}};
}

const Change *findChange(const SchemaDiffResult &r, ChangeKind kind)
{
    const auto it = std::find_if(
        r.changes.cbegin(), r.changes.cend(), [kind](const Change &c) { return c.kind == kind; });
    return it == r.changes.cend() ? nullptr : &*it;
}

/// message Order { int64 id = 1; string email = 2; } in package acme, serialized and base64.
QString orderDescriptorBase64()
{
    google::protobuf::FileDescriptorProto file;
    file.set_name("order.proto");
    file.set_package("acme");
    file.set_syntax("proto3");
    google::protobuf::DescriptorProto *order = file.add_message_type();
    order->set_name("Order");
    google::protobuf::FieldDescriptorProto *id = order->add_field();
    id->set_name("id");
    id->set_number(1);
    id->set_type(google::protobuf::FieldDescriptorProto::TYPE_INT64);
    id->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    google::protobuf::FieldDescriptorProto *email = order->add_field();
    email->set_name("email");
    email->set_number(2);
    email->set_type(google::protobuf::FieldDescriptorProto::TYPE_STRING);
    email->set_label(google::protobuf::FieldDescriptorProto::LABEL_OPTIONAL);
    const std::string bytes = file.SerializeAsString();
    return QString::fromLatin1(QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())).toBase64());
}

} // namespace

class ProtobufDiffTest : public QObject {
    Q_OBJECT

private slots:
    void pairs_data() { schemadifftest::addRows(schemadifftest::protobufCases()); }
    void pairs() { schemadifftest::verifyRow(diffProtobuf); }

    void base64DescriptorComparesLikeItsText()
    {
        const QString text = QStringLiteral(
            "syntax = \"proto3\";\npackage acme;\nmessage Order { int64 id = 1; string email = 2; }");
        SchemaDiffResult r = diffProtobuf(proto(orderDescriptorBase64()), proto(text));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY2(r.changes.isEmpty(), qPrintable(schemadifftest::summarize(r).join(QLatin1Char('\n'))));
        r = diffProtobuf(proto(orderDescriptorBase64()),
            proto(QStringLiteral("syntax = \"proto3\";\npackage acme;\nmessage Order { int64 id = 1; }")));
        QVERIFY(r.ok());
        QCOMPARE(schemadifftest::summarize(r),
            QStringList {QStringLiteral("field-removed Order.email ok ok risk")});
    }

    void explanations()
    {
        const SchemaDiffResult r = diffProtobuf(
            proto(QStringLiteral("syntax = \"proto3\";\nmessage Order { int64 id = 1; string email = 2; }")),
            proto(QStringLiteral("syntax = \"proto3\";\nmessage Order { int64 id = 1; }")));
        const Change *c = findChange(r, ChangeKind::FieldRemoved);
        QVERIFY(c);
        QCOMPARE(c->before, QStringLiteral("string email = 2"));
        QVERIFY2(c->explanation.contains(QLatin1String("add reserved 2;")), qPrintable(c->explanation));

        const SchemaDiffResult renamed
            = diffProtobuf(proto(QStringLiteral("syntax = \"proto3\";\nmessage M { string mail = 4; }")),
                proto(QStringLiteral("syntax = \"proto3\";\nmessage M { string email = 4; }")));
        c = findChange(renamed, ChangeKind::FieldRenamed);
        QVERIFY(c);
        QCOMPARE(c->before, QStringLiteral("mail"));
        QCOMPARE(c->after, QStringLiteral("email"));
        QVERIFY2(c->explanation.contains(QLatin1String("JSON")), qPrintable(c->explanation));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("expected");
        const QString good = QStringLiteral("syntax = \"proto3\";\nmessage M { int32 a = 1; }");
        QTest::newRow("syntax error in the old")
            << QStringLiteral("syntax = \"proto3\";\nmessage M { int32 a = ; }") << good
            << QStringLiteral("The old Protobuf schema does not parse: line 2");
        QTest::newRow("missing import")
            << good
            << QStringLiteral(
                   "syntax = \"proto3\";\nimport \"common/missing.proto\";\nmessage M { int32 a = 1; }")
            << QStringLiteral("common/missing.proto");
        QTest::newRow("unknown type")
            << good << QStringLiteral("syntax = \"proto3\";\nmessage M { Nope a = 1; }")
            << QStringLiteral("\"Nope\" is not defined");
        QTest::newRow("number used twice")
            << good << QStringLiteral("syntax = \"proto3\";\nmessage M { int32 a = 1; int32 b = 1; }")
            << QStringLiteral("the schema: M.b: Field number 1 has already been used");
        QTest::newRow("garbage") << good << QStringLiteral("not a schema at all")
                                 << QStringLiteral("The new Protobuf schema does not parse");
    }

    void errors()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, expected);
        const SchemaDiffResult r = diffProtobuf(proto(oldText), proto(newText));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(r.changes.isEmpty());
    }

    void referenceErrorsNameTheReference()
    {
        SchemaText n
            = proto(QStringLiteral("syntax = \"proto3\";\nimport \"a.proto\";\nmessage M { A a = 1; }"));
        n.references.insert(
            QStringLiteral("a.proto"), QStringLiteral("syntax = \"proto3\";\nmessage A { int32 x = ; }"));
        const SchemaDiffResult r
            = diffProtobuf(proto(QStringLiteral("syntax = \"proto3\";\nmessage M { int32 a = 1; }")), n);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(QLatin1String("reference 'a.proto'")), qPrintable(r.error));
    }
};

int runProtobufDiffTests(int argc, char **argv)
{
    ProtobufDiffTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_protobufdiff.moc"
