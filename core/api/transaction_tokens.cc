#include "api/transaction_tokens.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "api/limits.h"

namespace shoal {
namespace {

// Two independent 64-bit FNV-1a streams (different offset bases and primes): 128 bits make an
// accidental match of two different requests under one token negligible.
class Hasher {
 public:
  void bytes(const void* data, size_t n) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) {
      a_ = (a_ ^ p[i]) * 0x100000001b3ULL;
      b_ = (b_ ^ p[i]) * 0x00000100000001b3ULL + 0x9e3779b97f4a7c15ULL;
    }
  }
  void tag(char t) { bytes(&t, 1); }
  void text(const char* s, size_t n) {
    uint64_t len = n;
    bytes(&len, sizeof len);
    bytes(s, n);
  }
  RequestFingerprint result() const { return {a_, b_}; }

 private:
  uint64_t a_ = 0xcbf29ce484222325ULL;
  uint64_t b_ = 0x84222325cbf29ce4ULL;
};

void hashScalar(Hasher& h, const JsonValue& v) {
  if (v.IsString()) {
    h.tag('s');
    h.text(v.GetString(), v.GetStringLength());
  } else if (v.IsBool()) {
    h.tag(v.GetBool() ? 't' : 'f');
  } else if (v.IsNull()) {
    h.tag('z');
  } else if (v.IsInt64()) {
    h.tag('i');
    int64_t i = v.GetInt64();
    h.bytes(&i, sizeof i);
  } else {
    h.tag('d');
    double d = v.GetDouble();
    h.bytes(&d, sizeof d);
  }
}

}  // namespace

RequestFingerprint fingerprintOf(const JsonValue& request) {
  struct Frame {
    const JsonValue* value;
    std::vector<const JsonValue::Member*> members;  // objects: sorted by name
    size_t next = 0;
  };
  Hasher h;
  std::vector<Frame> stack;
  auto enter = [&](const JsonValue& v) {
    if (v.IsObject()) {
      h.tag('{');
      Frame f{&v, {}, 0};
      for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) f.members.push_back(&*it);
      std::sort(f.members.begin(), f.members.end(), [](const JsonValue::Member* x, const JsonValue::Member* y) {
        return std::string_view(x->name.GetString(), x->name.GetStringLength()) <
               std::string_view(y->name.GetString(), y->name.GetStringLength());
      });
      stack.push_back(std::move(f));
    } else if (v.IsArray()) {
      h.tag('[');
      stack.push_back(Frame{&v, {}, 0});
    } else {
      hashScalar(h, v);
    }
  };
  enter(request);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.value->IsObject()) {
      if (f.next == f.members.size()) {
        h.tag('}');
        stack.pop_back();
        continue;
      }
      const JsonValue::Member* m = f.members[f.next++];
      h.text(m->name.GetString(), m->name.GetStringLength());
      enter(m->value);  // may reallocate `stack`; `f` is not used after this
    } else {
      if (f.next == f.value->Size()) {
        h.tag(']');
        stack.pop_back();
        continue;
      }
      const JsonValue& element = (*f.value)[static_cast<rapidjson::SizeType>(f.next++)];
      enter(element);
    }
  }
  return h.result();
}

void TransactionTokens::expire(int64_t nowMillis) {
  while (!byTime_.empty() && byTime_.begin()->first + limits::kIdempotencyWindowMillis <= nowMillis) {
    auto it = byToken_.find(byTime_.begin()->second);
    if (it != byToken_.end() && it->second.completedMillis == byTime_.begin()->first) byToken_.erase(it);
    byTime_.erase(byTime_.begin());
  }
}

TransactionTokens::Seen TransactionTokens::check(const std::string& token, const RequestFingerprint& request,
                                                 int64_t nowMillis) {
  expire(nowMillis);
  auto it = byToken_.find(token);
  if (it == byToken_.end()) return Seen::New;
  return it->second.request == request ? Seen::SameRequest : Seen::OtherRequest;
}

void TransactionTokens::remember(const std::string& token, const RequestFingerprint& request, int64_t nowMillis) {
  byToken_[token] = Entry{request, nowMillis};
  byTime_.emplace(nowMillis, token);
}

}  // namespace shoal
