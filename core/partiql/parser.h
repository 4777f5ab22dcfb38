// PartiQL statements, parsed by recursive descent:
//   SELECT (* | path, ...) FROM table[."index"] [WHERE condition] [ORDER BY key [ASC|DESC], ...]
//   INSERT INTO table VALUE { 'name': value, ... }
//   UPDATE table (SET path = value | REMOVE path)[, ...]... WHERE condition [RETURNING ...]
//   DELETE FROM table WHERE condition [RETURNING ALL OLD *]
//   EXISTS(SELECT * FROM table WHERE ...)      (ExecuteTransaction only)
// SET values: literals, ?, paths, a + b, a - b, list_append(a, b), if_not_exists(p, v), and
// set_add(p, <<...>>) / set_delete(p, <<...>>) (the update's ADD and DELETE actions).
// `parameters` are the request's Parameters, substituted for the `?`s in order; a different
// count is "Number of parameters in request and statement don't match.".
#pragma once
#include <string_view>
#include <vector>

#include "partiql/statement.h"

namespace shoal::partiql {

Statement parseStatement(std::string_view text, const std::vector<AttributeValue>& parameters);

}  // namespace shoal::partiql
