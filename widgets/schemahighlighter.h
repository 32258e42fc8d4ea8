#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

class QPalette;

namespace edis::widgets {

/// Simple highlighting of a schema's text: JSON (Avro, JSON Schema) keys, strings, numbers and
/// literals, or Protobuf keywords, strings, numbers and comments. The colours come from the
/// document's palette, so a dark theme stays readable.
class SchemaHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language { Json, Protobuf };

    explicit SchemaHighlighter(QTextDocument *document, const QPalette &palette);
    void setLanguage(Language language);
    Language language() const { return language_; }

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    void buildRules();

    Language language_ = Language::Json;
    QTextCharFormat keyFormat_;
    QTextCharFormat stringFormat_;
    QTextCharFormat numberFormat_;
    QTextCharFormat keywordFormat_;
    QTextCharFormat commentFormat_;
    std::vector<Rule> rules_;
};

/// Colours unified-diff lines: '+' lines on an "added" background, '-' lines on a "removed"
/// one, "@@" headers like comments. The backgrounds are tints of the palette's base colour.
class DiffHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit DiffHighlighter(QTextDocument *document, const QPalette &palette);

    /// A green or red tint of `base`, light on a light base and dark on a dark one.
    static QColor addedBackground(const QPalette &palette);
    static QColor removedBackground(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat added_;
    QTextCharFormat removed_;
    QTextCharFormat header_;
};

} // namespace edis::widgets
