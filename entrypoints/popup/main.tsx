import './style.css';
import { bootExtensionPage } from '../../components/ui/boot';

bootExtensionPage(() => import('./app'));
