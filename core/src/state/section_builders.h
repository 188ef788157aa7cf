// Builders that turn the streamed elements of each system's section into an indexed model.
// Elements arrive one at a time in file order; references between them are resolved in finish(),
// once every element is known, so the file may list collections in any order.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "state/model.h"

namespace sharepolicy::state {

class SectionBuilder {
 public:
  virtual ~SectionBuilder() = default;
  // Whether `key` names a collection (an array of elements) of this section.
  virtual bool is_collection(const std::string& key) const = 0;
  virtual void mark_collection_present(const std::string& key) = 0;
  virtual void add_element(const std::string& collection, std::size_t index, Json&& element) = 0;
  // A member of the section that is not a collection (directory, unknown keys).
  virtual void add_member(const std::string& key, Json&& value) = 0;
};

#define SHAREPOLICY_SECTION_BUILDER(Name, SectionType)                                        \
  class Name : public SectionBuilder {                                                       \
   public:                                                                                   \
    Name();                                                                                  \
    ~Name() override;                                                                        \
    bool is_collection(const std::string& key) const override;                               \
    void mark_collection_present(const std::string& key) override;                           \
    void add_element(const std::string& collection, std::size_t index, Json&& element) override; \
    void add_member(const std::string& key, Json&& value) override;                          \
    std::shared_ptr<SectionType> finish(std::vector<StateWarning>& warnings);                \
                                                                                             \
   private:                                                                                  \
    struct Pending;                                                                          \
    std::unique_ptr<Pending> pending_;                                                       \
    std::shared_ptr<SectionType> section_;                                                   \
  }

// HMP also streams its assets (recordings, feeds, sessions) member by member, without a DOM per
// element: they and their shares are almost all of a big state.
class HmpBuilder : public SectionBuilder {
 public:
  HmpBuilder();
  ~HmpBuilder() override;
  bool is_collection(const std::string& key) const override;
  void mark_collection_present(const std::string& key) override;
  void add_element(const std::string& collection, std::size_t index, Json&& element) override;
  void add_member(const std::string& key, Json&& value) override;
  std::shared_ptr<hmp::Section> finish(std::vector<StateWarning>& warnings);

  static bool is_asset_collection(const std::string& key);
  void begin_asset(const std::string& collection, std::size_t index);
  void asset_member(const std::string& key, Json&& value);  // a scalar, or the whole value of a member not descended into
  void begin_shares();
  void begin_share(std::size_t index);
  void share_member(const std::string& key, Json&& value);
  void end_share();
  void end_asset();

 private:
  struct Pending;
  struct StreamedAsset;
  std::unique_ptr<Pending> pending_;
  std::unique_ptr<StreamedAsset> streamed_;
  std::shared_ptr<hmp::Section> section_;
};
SHAREPOLICY_SECTION_BUILDER(WebexBuilder, webex::Section);
SHAREPOLICY_SECTION_BUILDER(OcmBuilder, ocm::Section);

#undef SHAREPOLICY_SECTION_BUILDER

// Derived indexes, rebuilt after a change that touches them.
void index_webex_owners(webex::Section& s);

}  // namespace sharepolicy::state
