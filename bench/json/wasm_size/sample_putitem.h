// The one PutItem request every size probe parses and prints back (same bytes in each program).
#pragma once

static const char kPutItem[] = R"JSON({"TableName":"Orders","Item":{"pk":{"S":"CUSTOMER#000042"},
"sk":{"S":"ORDER#2024-05-17T10:22:33Z#00007"},"status":{"S":"PAID"},"total":{"N":"1234.56"},
"customer":{"M":{"name":{"S":"Zo\u00eb M\u00fcller"},"vip":{"BOOL":true},"address":{"M":{"city":{"S":"München"},
"geo":{"M":{"lat":{"N":"48.1371"},"lon":{"N":"11.5754"}}}}}}},"lines":{"L":[{"M":{"sku":{"S":"SKU-00042"},
"qty":{"N":"2"},"price":{"N":"19.99"},"options":{"SS":["red","XL"]}}}]},"tags":{"SS":["gift","priority"]},
"ratings":{"NS":["1","4.5"]},"thumbnail":{"B":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"},
"notes":{"S":"Leave at the \"back\" door.\nCall first."},"giftWrap":{"NULL":true}},
"ConditionExpression":"attribute_not_exists(#pk)","ExpressionAttributeNames":{"#pk":"pk"},"ReturnValues":"NONE"})JSON";
