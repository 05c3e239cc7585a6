//! Makes the compiler track files the derive read, so editing them rebuilds the models.

use crate::internals::config::Config;
use proc_macro2::TokenStream;
use quote::quote;

/// `include_bytes!` records the manifest in the crate's dep-info; Cargo then rebuilds the crate
/// when `[package.metadata.schema]` changes, which it would not do for metadata alone.
pub fn config(config: &Config) -> TokenStream {
    match config.manifest.as_ref().and_then(|p| p.to_str()) {
        Some(path) => quote! {
            const _: &[::core::primitive::u8] = ::core::include_bytes!(#path);
        },
        _ => TokenStream::new(),
    }
}
