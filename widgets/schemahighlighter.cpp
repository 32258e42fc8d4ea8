#include "schemahighlighter.h"

#include <QPalette>

namespace edis::widgets {

namespace {

/// `a` moved towards `b` by `share` (0..1): palette colours mixed, not literals.
QColor blend(const QColor &a, const QColor &b, double share)
{
    const double keep = 1.0 - share;
    return QColor::fromRgbF(static_cast<float>(a.redF() * keep + b.redF() * share),
        static_cast<float>(a.greenF() * keep + b.greenF() * share),
        static_cast<float>(a.blueF() * keep + b.blueF() * share));
}

/// A hue at the lightness that contrasts with `base`: the hue names the meaning (green added,
/// red removed), the palette decides light or dark.
QColor tint(const QPalette &palette, int hue, double share)
{
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightnessF() < 0.5;
    const QColor hued = QColor::fromHslF(static_cast<float>(hue) / 360.0F, 0.6F, dark ? 0.35F : 0.6F);
    return blend(base, hued, share);
}

constexpr int kGreenHue = 120;
constexpr int kRedHue = 0;
constexpr int kAmberHue = 35;
constexpr double kTextTint = 0.75;
constexpr double kBackgroundTint = 0.3;

} // namespace

SchemaHighlighter::SchemaHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
{
    const QColor text = palette.color(QPalette::Text);
    keyFormat_.setForeground(palette.color(QPalette::Link));
    keyFormat_.setFontWeight(QFont::DemiBold);
    keywordFormat_.setForeground(palette.color(QPalette::Link));
    keywordFormat_.setFontWeight(QFont::Bold);
    stringFormat_.setForeground(blend(text, tint(palette, kGreenHue, 1.0), kTextTint));
    numberFormat_.setForeground(blend(text, tint(palette, kAmberHue, 1.0), kTextTint));
    commentFormat_.setForeground(palette.color(QPalette::PlaceholderText));
    commentFormat_.setFontItalic(true);
    buildRules();
}

void SchemaHighlighter::setLanguage(Language language)
{
    if (language_ == language) {
        return;
    }
    language_ = language;
    buildRules();
    rehighlight();
}

void SchemaHighlighter::buildRules()
{
    rules_.clear();
    if (language_ == Language::Json) {
        rules_.push_back({QRegularExpression(QStringLiteral(R"("(?:[^"\\]|\\.)*")")), stringFormat_, 0});
        // A string followed by ':' is a key; it overrides the string rule above.
        rules_.push_back({QRegularExpression(QStringLiteral(R"(("(?:[^"\\]|\\.)*")\s*:)")), keyFormat_, 1});
        rules_.push_back({QRegularExpression(QStringLiteral(R"(\b-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)")),
            numberFormat_, 0});
        rules_.push_back(
            {QRegularExpression(QStringLiteral(R"(\b(?:true|false|null)\b)")), keywordFormat_, 0});
        return;
    }
    rules_.push_back({QRegularExpression(QStringLiteral(
                          R"(\b(?:syntax|package|import|public|weak|option|message|enum|service|rpc|)"
                          R"(returns|oneof|map|reserved|extensions|extend|to|max|repeated|optional|)"
                          R"(required|stream|double|float|int32|int64|uint32|uint64|sint32|sint64|)"
                          R"(fixed32|fixed64|sfixed32|sfixed64|bool|string|bytes|true|false)\b)")),
        keywordFormat_, 0});
    rules_.push_back({QRegularExpression(QStringLiteral(R"(\b\d+\b)")), numberFormat_, 0});
    rules_.push_back({QRegularExpression(QStringLiteral(R"("(?:[^"\\]|\\.)*")")), stringFormat_, 0});
    rules_.push_back({QRegularExpression(QStringLiteral(R"(//.*$)")), commentFormat_, 0});
}

void SchemaHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : rules_) {
        QRegularExpressionMatchIterator it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(static_cast<int>(match.capturedStart(rule.group)),
                static_cast<int>(match.capturedLength(rule.group)), rule.format);
        }
    }
}

DiffHighlighter::DiffHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
{
    added_.setBackground(addedBackground(palette));
    removed_.setBackground(removedBackground(palette));
    header_.setForeground(palette.color(QPalette::PlaceholderText));
    header_.setFontItalic(true);
}

QColor DiffHighlighter::addedBackground(const QPalette &palette)
{
    return tint(palette, kGreenHue, kBackgroundTint);
}

QColor DiffHighlighter::removedBackground(const QPalette &palette)
{
    return tint(palette, kRedHue, kBackgroundTint);
}

void DiffHighlighter::highlightBlock(const QString &text)
{
    const auto length = static_cast<int>(text.size());
    if (text.startsWith(QLatin1String("@@")) || text.startsWith(QLatin1String("+++"))
        || text.startsWith(QLatin1String("---"))) {
        setFormat(0, length, header_);
    } else if (text.startsWith(QLatin1Char('+'))) {
        setFormat(0, length, added_);
    } else if (text.startsWith(QLatin1Char('-'))) {
        setFormat(0, length, removed_);
    }
}

} // namespace edis::widgets
