pub mod ast;
pub mod attr;
pub mod case;
pub mod check;
pub mod ctxt;
pub mod resolve;
mod symbol;
