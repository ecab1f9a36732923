//! (Being built: the indicator detail view.)
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: AttrValue,
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    html! { <div class="detail" data-id={props.id.clone()}></div> }
}
