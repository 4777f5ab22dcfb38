#include <catch2/catch_test_macros.hpp>

#include "expr/condition.h"
#include "expr/context.h"
#include "expr/update.h"
#include "json/wire_value.h"
#include "partiql/expression_writer.h"
#include "partiql/parser.h"
#include "partiql/test_support.h"

using namespace shoal;
using namespace shoal::partiql;
using partiql::testing::show;

namespace {

// The engine's own compile of written text, with the writer's substitutions: it must give
// back the tree the statement parsed into.
struct Compiled {
  std::map<std::string, std::string> names;
  std::map<std::string, AttributeValue> values;
  expr::ExpressionContext ctx;

  explicit Compiled(const ExpressionWriter& w) {
    rapidjson::StringBuffer buf;
    JsonWriter jw(buf);
    jw.StartObject();
    w.writeSubstitutions(jw);
    jw.EndObject();
    JsonDocument d;
    d.Parse(buf.GetString());
    if (d.HasMember("ExpressionAttributeNames"))
      for (auto it = d["ExpressionAttributeNames"].MemberBegin(); it != d["ExpressionAttributeNames"].MemberEnd(); ++it)
        names[it->name.GetString()] = it->value.GetString();
    if (d.HasMember("ExpressionAttributeValues")) values = parseAttributeMap(d["ExpressionAttributeValues"]);
    ctx.names = &names;
    ctx.values = &values;
  }
};

}  // namespace

TEST_CASE("partiql expression writer: conditions round-trip through the expression engine", "[partiql]") {
  for (const char* condition :
       {"a = 1", "\"a b\".c[2] <> 'x' OR NOT (d < 3 AND e BETWEEN 1 AND 2)", "size(l) >= 2 AND f IN [1, 2, 3]",
        "begins_with(\"select\", 'p') AND contains(s, 'x') AND attribute_type(t, 'N')",
        "x IS MISSING OR y IS NOT NULL", "(a = 1 OR b = 2) AND (c = 3 OR (d = 4 AND e = 5))"}) {
    Statement s = parseStatement(std::string("SELECT * FROM t WHERE ") + condition, {});
    const expr::ConditionNode& where = std::get<SelectStatement>(s).where;
    ExpressionWriter w;
    std::string text = w.condition(where);
    Compiled c(w);
    INFO(condition << " -> " << text);
    expr::ConditionNode compiled = expr::compileConditionTree(text, expr::ExprKind::Condition, c.ctx);
    CHECK(show(compiled) == show(where));
    CHECK_NOTHROW(c.ctx.checkAllUsed());
  }
}

TEST_CASE("partiql expression writer: updates group their clauses", "[partiql]") {
  Statement s = parseStatement(
      "UPDATE t SET a = a + 1 REMOVE b[0] SET \"c\".d = list_append(c.d, [1]) SET s = set_add(s, <<'x'>>) "
      "SET z = set_delete(z, <<2>>) WHERE pk = 'k'",
      {});
  const expr::UpdateAst& ast = std::get<UpdateStatement>(s).update;
  ExpressionWriter w;
  std::string text = w.update(ast);
  CHECK(text == "SET #0 = #0 + :0, #1.#2 = list_append(#1.#2, :1) REMOVE #3[0] ADD #4 :2 DELETE #5 :3");
  Compiled c(w);
  CHECK_NOTHROW(expr::UpdateExpression::compile(text, c.ctx));
  CHECK_NOTHROW(c.ctx.checkAllUsed());
}
