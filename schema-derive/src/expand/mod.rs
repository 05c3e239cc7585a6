pub mod columns;
pub mod pg_domain;
pub mod pg_enum;
pub mod relations;
pub mod row;
pub mod shapes;
pub mod table;
pub mod tracking;
pub mod validate;
pub mod validate_struct;
pub mod view;

use proc_macro2::{Group, Span, TokenStream, TokenTree};

/// `tokens` shown at `span`, each token still resolved where it was written.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(group.span().located_at(span));
                token = TokenTree::Group(inner);
            } else {
                token.set_span(token.span().located_at(span));
            }
            token
        })
        .collect()
}
