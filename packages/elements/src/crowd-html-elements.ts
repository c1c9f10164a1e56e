/**
 * The drop-in replacement for Ground Truth's `crowd-html-elements.js`: one self-contained file
 * that defines every element when loaded, as a classic `<script src>`, from `file://`, or inlined
 * in a `<script type="module">`. It exports nothing, so it runs as either script type.
 */
import './register.js';
