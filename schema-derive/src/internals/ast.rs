//! A model struct or enum as syn gives it, with its attributes read into typed form.

use super::attr::relation::RelationAttr;
use super::attr::validate::ValidateAttrs;
use super::attr::{self, ColumnAttrs, DomainAttrs, EnumAttrs, TableAttrs, ViewAttrs};
use super::ctxt::Ctxt;
use syn::spanned::Spanned;

pub struct Container<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: TableAttrs,
    /// `#[has_many(..)]` and `#[has_one(..)]`, in the order written.
    pub relations: Vec<RelationAttr>,
    pub fields: Vec<Field<'a>>,
    pub doc: Option<String>,
    pub original: &'a syn::DeriveInput,
}

pub struct Field<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    pub attrs: ColumnAttrs,
    pub validate: ValidateAttrs,
    pub doc: Option<String>,
}

impl<'a> Container<'a> {
    /// Reads a `#[derive(Table)]` input. Shape errors (not a struct with named fields, generic
    /// parameters) are recorded; the fields that could be read are still returned so the
    /// fallback can give other models the column handles they reference.
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> Container<'a> {
        let attrs = TableAttrs::from_ast(cx, &input.attrs);
        let relations = RelationAttr::from_ast(cx, &input.attrs);
        Self::with_attrs(cx, input, attrs, relations, Noun::Table)
    }

    /// The container of a model whose struct-level attributes are read: its fields, and the
    /// shape errors of a `what`.
    fn with_attrs(
        cx: &Ctxt,
        input: &'a syn::DeriveInput,
        attrs: TableAttrs,
        relations: Vec<RelationAttr>,
        what: Noun,
    ) -> Container<'a> {
        let (noun, derive, statement) = match what {
            Noun::Table => ("table", "Table", "CREATE TABLE"),
            Noun::View => ("view", "View", "CREATE VIEW"),
        };
        let fields = match &input.data {
            syn::Data::Struct(syn::DataStruct {
                fields: syn::Fields::Named(named),
                ..
            }) if !named.named.is_empty() => named
                .named
                .iter()
                .map(|f| Field {
                    ident: f.ident.as_ref().expect("named field"),
                    ty: &f.ty,
                    attrs: ColumnAttrs::from_ast(cx, &f.attrs),
                    validate: ValidateAttrs::from_ast(cx, &f.attrs),
                    doc: doc_comment(&f.attrs),
                })
                .collect(),
            syn::Data::Struct(data) if data.fields.is_empty() => {
                cx.error_spanned_by(
                    input.ident.clone(),
                    format!(
                        "a {noun} needs at least one column, and `{ident}` has no fields (`{statement}` without columns is not valid SQL): add one named field per column, e.g. `struct {ident} {{ id: i64 }}`",
                        ident = input.ident
                    ),
                );
                Vec::new()
            }
            _ => {
                cx.error_spanned_by(
                    input.ident.clone(),
                    format!("`#[derive({derive})]` needs a struct with named fields: one field per column"),
                );
                Vec::new()
            }
        };
        if !input.generics.params.is_empty() {
            cx.error_spanned_by(
                &input.generics,
                format!("a {noun} model cannot have generic parameters: each {noun} needs one concrete set of column types"),
            );
        }
        Container {
            ident: &input.ident,
            attrs,
            relations,
            fields,
            doc: doc_comment(&input.attrs),
            original: input,
        }
    }
}

#[derive(Clone, Copy)]
enum Noun {
    Table,
    View,
}

/// A `#[derive(View)]` input: a row struct, read as a table model's container (its columns
/// and indexes), with what only a view has.
pub struct ViewContainer<'a> {
    pub container: Container<'a>,
    pub view: ViewAttrs,
}

impl<'a> ViewContainer<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> ViewContainer<'a> {
        let (view, attrs) = ViewAttrs::from_ast(cx, &input.attrs);
        for attr in &input.attrs {
            if attr.path().is_ident("has_many") || attr.path().is_ident("has_one") {
                cx.error_at(
                    attr.path().span(),
                    "a view has no relations: load them from the tables it reads",
                );
            }
        }
        let container = Container::with_attrs(cx, input, attrs, Vec::new(), Noun::View);
        ViewContainer { container, view }
    }
}

impl Field<'_> {
    /// Whether the written type is `Option<...>`. Only used where the type need not
    /// implement `PgType` (a raw `type = "..."` override); elsewhere the trait decides.
    pub fn is_option(&self) -> bool {
        match self.ty {
            syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Option"),
            _ => false,
        }
    }
}

/// A `#[derive(Validate)]` input: a plain struct whose fields carry `#[validate(..)]` rules.
pub struct ValidateContainer<'a> {
    pub ident: &'a syn::Ident,
    pub fields: Vec<ValidateField<'a>>,
    pub original: &'a syn::DeriveInput,
}

pub struct ValidateField<'a> {
    pub ident: &'a syn::Ident,
    pub ty: &'a syn::Type,
    pub validate: ValidateAttrs,
}

impl<'a> ValidateContainer<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> ValidateContainer<'a> {
        let fields = match &input.data {
            syn::Data::Struct(syn::DataStruct {
                fields: syn::Fields::Named(named),
                ..
            }) => named
                .named
                .iter()
                .map(|f| ValidateField {
                    ident: f.ident.as_ref().expect("named field"),
                    ty: &f.ty,
                    validate: ValidateAttrs::from_ast(cx, &f.attrs),
                })
                .collect(),
            _ => {
                cx.error_spanned_by(
                    &input.ident,
                    "`#[derive(Validate)]` needs a struct with named fields",
                );
                Vec::new()
            }
        };
        ValidateContainer {
            ident: &input.ident,
            fields,
            original: input,
        }
    }
}

pub struct EnumContainer<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: EnumAttrs,
    pub variants: Vec<Variant<'a>>,
    pub doc: Option<String>,
}

pub struct Variant<'a> {
    pub ident: &'a syn::Ident,
    pub rename: Option<syn::LitStr>,
    pub renamed_from: Option<syn::LitStr>,
}

impl<'a> EnumContainer<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> EnumContainer<'a> {
        let attrs = EnumAttrs::from_ast(cx, &input.attrs);
        let variants = match &input.data {
            syn::Data::Enum(data) => data
                .variants
                .iter()
                .map(|v| {
                    if !matches!(v.fields, syn::Fields::Unit) {
                        cx.error_spanned_by(
                            &v.fields,
                            "a PostgreSQL enum variant cannot carry data: remove the fields",
                        );
                    }
                    if let Some((_, discriminant)) = &v.discriminant {
                        cx.error_at(
                            discriminant.span(),
                            "PostgreSQL enums are stored by label, not number: remove the discriminant (order follows declaration order)",
                        );
                    }
                    let attrs = attr::variant_attrs(cx, &v.attrs);
                    Variant {
                        ident: &v.ident,
                        rename: attrs.rename,
                        renamed_from: attrs.renamed_from,
                    }
                })
                .collect(),
            _ => {
                cx.error_spanned_by(
                    input.ident.clone(),
                    "`#[derive(PgEnum)]` needs an enum whose variants carry no data",
                );
                Vec::new()
            }
        };
        if !input.generics.params.is_empty() {
            cx.error_spanned_by(&input.generics, "a PostgreSQL enum cannot be generic");
        }
        if let syn::Data::Enum(data) = &input.data {
            if data.variants.is_empty() {
                cx.error_spanned_by(
                    input.ident.clone(),
                    "a PostgreSQL enum needs at least one variant",
                );
            }
        }
        EnumContainer {
            ident: &input.ident,
            attrs,
            variants,
            doc: doc_comment(&input.attrs),
        }
    }
}

/// A `#[derive(PgDomain)]` input: a newtype, `struct Slug(String)`.
pub struct DomainContainer<'a> {
    pub ident: &'a syn::Ident,
    pub attrs: DomainAttrs,
    /// The one field's type: the domain's base type.
    pub inner: Option<&'a syn::Type>,
    /// The one field's `#[validate(..)]` rules: the domain's checks.
    pub validate: ValidateAttrs,
}

impl<'a> DomainContainer<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> DomainContainer<'a> {
        let attrs = DomainAttrs::from_ast(cx, &input.attrs);
        let field = match &input.data {
            syn::Data::Struct(syn::DataStruct {
                fields: syn::Fields::Unnamed(fields),
                ..
            }) if fields.unnamed.len() == 1 => fields.unnamed.first(),
            _ => {
                cx.error_spanned_by(
                    input.ident.clone(),
                    "`#[derive(PgDomain)]` needs a newtype, a struct of one unnamed field: `struct Slug(String);`",
                );
                None
            }
        };
        if !input.generics.params.is_empty() {
            cx.error_spanned_by(&input.generics, "a PostgreSQL domain cannot be generic");
        }
        let name = input.ident.to_string();
        if crate::expand::validate::NOT_A_DOMAIN.contains(&name.as_str()) {
            cx.error_spanned_by(
                input.ident.clone(),
                format!("a domain's newtype cannot be named `{name}`: models take a field of that name for the type schema-core maps, and would not check the domain's rules; rename it"),
            );
        }
        let validate = match field {
            Some(field) => ValidateAttrs::from_ast(cx, &field.attrs),
            None => ValidateAttrs::default(),
        };
        if let Some(span) = validate.nested {
            cx.error_at(
                span,
                "a domain's value is not a model: `nested` has no place here",
            );
        }
        if let Some(custom) = &validate.custom {
            cx.error_spanned_by(
                custom,
                "a domain's rules are written as checks: `custom` has no SQL, validate it on the field that uses the domain",
            );
        }
        DomainContainer {
            ident: &input.ident,
            attrs,
            inner: field.map(|f| &f.ty),
            validate,
        }
    }
}

/// The `///` lines of an item, joined with newlines, one leading space removed from each.
pub fn doc_comment(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }),
                ..
            }) => Some(s.value()),
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}
