//! Every fixed word the pages print, in English and Simplified Chinese.

use crate::model::Language;

/// The words of one language. English wording follows the docs factory's seed page; Chinese
/// wording follows the factory's own zh-CN output.
#[derive(Debug)]
pub struct Texts {
    pub language: Language,
    /// The lines inside the do-not-edit `<!-- -->` comment of Authing pages (the docs factory's).
    pub warning: &'static [&'static str],
    /// The do-not-edit comment of other pages.
    pub generated: &'static str,
    pub method_name: &'static str,
    /// The note on a paging operation's page, before the call that streams its items.
    pub pages_note: &'static str,
    pub request_parameters: &'static str,
    pub example: &'static str,
    pub request_response: &'static str,
    pub data_structure: &'static str,
    /// `Type:` before the response type, including its trailing space.
    pub type_prefix: &'static str,
    pub sample_result: &'static str,
    pub name: &'static str,
    pub type_: &'static str,
    pub required: &'static str,
    pub default_value: &'static str,
    pub description: &'static str,
    pub sample_value: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub deprecated: &'static str,
    pub allowed_values: &'static str,
    /// Separates the items of an inline list.
    pub list_separator: &'static str,
    pub no_response_body: &'static str,
    pub media_type: &'static str,
    pub open_paren: &'static str,
    pub close_paren: &'static str,
    pub request_media_type: &'static str,
    pub one_of: &'static str,
    pub discriminated_by: &'static str,
    pub other_properties: &'static str,
    pub sentence_end: &'static str,
    pub array_length: &'static str,
    pub reference_title: &'static str,
    pub api_version: &'static str,
    pub index_method: &'static str,
    pub index_request: &'static str,
    pub index_summary: &'static str,
    pub default_tag: &'static str,
}

impl Texts {
    pub fn get(language: Language) -> &'static Texts {
        match language {
            Language::En => &EN,
            Language::ZhCn => &ZH_CN,
        }
    }

    /// The clause saying how many items an array may hold, if it is limited.
    pub fn items_limit(&self, min: Option<u64>, max: Option<u64>) -> Option<String> {
        let range = match (self.language, min, max) {
            (_, None, None) => return None,
            (Language::En, Some(n), None) => format!("at least {n}"),
            (Language::En, None, Some(m)) => format!("at most {m}"),
            (Language::En, Some(n), Some(m)) => format!("{n} to {m}"),
            (Language::ZhCn, Some(n), None) => format!("至少 {n}"),
            (Language::ZhCn, None, Some(m)) => format!("至多 {m}"),
            (Language::ZhCn, Some(n), Some(m)) => format!("{n} 到 {m}"),
        };
        Some(format!("{}{range}", self.array_length))
    }
}

static EN: Texts = Texts {
    language: Language::En,
    generated:
        "<!-- Generated from the OpenAPI spec by `cargo xtask codegen`: do not edit by hand. -->",
    warning: &[
        "Warning ⚠️:",
        "Do not modify this document directly,",
        "https://github.com/Authing/authing-docs-factory",
        "Use this project to generate",
    ],
    method_name: "Method name",
    pages_note: "This operation pages: every item of every page, fetched as it is read, is ",
    request_parameters: "Request parameters",
    example: "Example",
    request_response: "Request response",
    data_structure: "Data structure",
    type_prefix: "Type: ",
    sample_result: "Sample result:",
    name: "Name",
    type_: "Type",
    required: "Required",
    default_value: "Default value",
    description: "Description",
    sample_value: "Sample value",
    yes: "Yes",
    no: "No",
    deprecated: "Deprecated.",
    allowed_values: "Allowed values: ",
    list_separator: ", ",
    no_response_body: "The response has no body.",
    media_type: "media type: ",
    open_paren: " (",
    close_paren: ")",
    request_media_type: "Request body media type: ",
    one_of: "One of the following types.",
    discriminated_by: " The property that tells them apart: ",
    other_properties: "Other properties are allowed, of type: ",
    sentence_end: ".",
    array_length: "Array length: ",
    reference_title: "API reference",
    api_version: "Version: ",
    index_method: "Method",
    index_request: "HTTP request",
    index_summary: "Summary",
    default_tag: "default",
};

static ZH_CN: Texts = Texts {
    language: Language::ZhCn,
    generated: "<!-- 由 `cargo xtask codegen` 根据 OpenAPI 规范生成：请勿手动修改。 -->",
    warning: &[
        "  警告⚠️：",
        "  不要直接修改该文档，",
        "  https://github.com/Authing/authing-docs-factory",
        "  使用该项目进行生成",
    ],
    method_name: "方法名称",
    pages_note: "该接口分页返回：按需逐页获取的全部条目为 ",
    request_parameters: "请求参数",
    example: "示例代码",
    request_response: "请求响应",
    data_structure: "数据结构",
    type_prefix: "类型： ",
    sample_result: "示例结果：",
    name: "名称",
    type_: "类型",
    required: "是否必填",
    default_value: "默认值",
    description: "描述",
    sample_value: "示例值",
    yes: "是",
    no: "否",
    deprecated: "已废弃。",
    allowed_values: "可选值：",
    list_separator: "、",
    no_response_body: "该接口的响应没有内容。",
    media_type: "媒体类型：",
    open_paren: "（",
    close_paren: "）",
    request_media_type: "请求体媒体类型：",
    one_of: "取以下类型之一。",
    discriminated_by: "用于区分类型的属性：",
    other_properties: "还可包含其他属性，类型为：",
    sentence_end: "。",
    array_length: "数组长度：",
    reference_title: "API 参考",
    api_version: "版本：",
    index_method: "方法",
    index_request: "HTTP 请求",
    index_summary: "概述",
    default_tag: "default",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_pick_their_own_words() {
        assert_eq!(Texts::get(Language::En).required, "Required");
        assert_eq!(Texts::get(Language::ZhCn).required, "是否必填");
        assert_eq!(Texts::get(Language::En).warning[0], "Warning ⚠️:");
        assert_eq!(Texts::get(Language::ZhCn).warning[0], "  警告⚠️：");
    }

    #[test]
    fn item_limits_read_naturally() {
        let en = Texts::get(Language::En);
        assert_eq!(en.items_limit(None, None), None);
        assert_eq!(
            en.items_limit(Some(1), None).as_deref(),
            Some("Array length: at least 1")
        );
        assert_eq!(
            en.items_limit(Some(1), Some(5)).as_deref(),
            Some("Array length: 1 to 5")
        );
        let zh = Texts::get(Language::ZhCn);
        assert_eq!(
            zh.items_limit(None, Some(3)).as_deref(),
            Some("数组长度：至多 3")
        );
    }
}
